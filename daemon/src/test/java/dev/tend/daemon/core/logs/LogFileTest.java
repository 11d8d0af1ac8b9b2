package dev.tend.daemon.core.logs;

import dev.tend.daemon.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:42:49.123Z"));

    static List<String> logFileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The lines of all files of the log, oldest file first. */
    static List<String> allFileLines(Path log, int files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = files - 1; i >= 0; i--) {
            Path file = i == 0 ? log : log.resolveSibling(log.getFileName() + "." + i);
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    void appendWritesFormattedLinesImmediately() throws IOException {
        Path path = dir.resolve("api.log");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "hello");
            clock.set(Instant.parse("2026-11-24T08:42:50Z"));
            List<LogLine> written = log.append(LogStream.ERR, "two\nlines");
            assertEquals(2, written.size());
            assertEquals(List.of(
                    "2026-11-24T08:42:49.123Z out hello",
                    "2026-11-24T08:42:50.000Z err two",
                    "2026-11-24T08:42:50.000Z err lines"), Files.readAllLines(path));
        }
    }

    @Test
    void aLogFileDeletedOrMovedAwayIsMadeAgainByTheNextLineNotWrittenIntoTheVoid() throws IOException {
        Path path = dir.resolve("logs/shop/api.log");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "one");
            Files.delete(path); // rm to free the disk
            log.append(LogStream.OUT, "two");
            assertEquals(List.of("2026-11-24T08:42:49.123Z out two"), Files.readAllLines(path));

            Files.move(path, dir.resolve("api.log.saved")); // an outside rotation
            log.append(LogStream.OUT, "three");
            assertEquals(List.of("2026-11-24T08:42:49.123Z out three"), Files.readAllLines(path));

            try (Stream<Path> all = Files.walk(dir.resolve("logs"))) { // rm -rf of the logs
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            log.append(LogStream.OUT, "four");
            assertEquals(List.of("2026-11-24T08:42:49.123Z out four"), Files.readAllLines(path));
            assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE),
                    Files.getPosixFilePermissions(path.getParent()), "made again as private as before");
        }
    }

    @Test
    void rotationKeepsAtMostThePolicysFilesAndDropsTheOldest() throws IOException {
        Path path = dir.resolve("api.log");
        LogPolicy policy = new LogPolicy(1000, 3, 1024);
        try (LogFile log = LogFile.open(path, policy, clock)) {
            for (int i = 1; i <= 500; i++) {
                log.append(LogStream.OUT, "line " + i);
                assertTrue(logFileNames(dir).size() <= 3, "too many files after line " + i + ": " + logFileNames(dir));
                for (String name : logFileNames(dir)) {
                    assertTrue(Files.size(dir.resolve(name)) <= 1000, name + " is over the cap");
                }
            }
        }
        assertEquals(List.of("api.log", "api.log.1", "api.log.2"), logFileNames(dir));
        List<String> lines = allFileLines(path, 3);
        // Each line is "<24-byte time> out line N" and every file ends with a complete line.
        int first = Integer.parseInt(lines.get(0).substring(LogFormat.TEXT_OFFSET + 5));
        assertTrue(first > 1, "the oldest lines must have been dropped");
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("2026-11-24T08:42:49.123Z out line " + (first + i), lines.get(i));
        }
        assertEquals(500, first + lines.size() - 1);
        for (String name : logFileNames(dir)) {
            String content = Files.readString(dir.resolve(name));
            assertTrue(content.endsWith("\n"), name + " ends inside a line");
        }
    }

    @Test
    void batchCrossingTheCapIsSplitBetweenLinesNotInsideOne() throws IOException {
        Path path = dir.resolve("api.log");
        LogPolicy policy = new LogPolicy(200, 10, 1024);
        try (LogFile log = LogFile.open(path, policy, clock)) {
            StringBuilder many = new StringBuilder();
            for (int i = 1; i <= 40; i++) {
                many.append("entry ").append(i).append('\n');
            }
            log.append(LogStream.OUT, many.toString().stripTrailing()); // one write of 40 lines
        }
        List<String> lines = allFileLines(path, 10);
        assertEquals(40, lines.size());
        for (int i = 0; i < 40; i++) {
            assertEquals("entry " + (i + 1), LogFormat.parse(lines.get(i)).text());
        }
        for (String name : logFileNames(dir)) {
            assertTrue(Files.size(dir.resolve(name)) <= 200, name + " is over the cap");
        }
    }

    @Test
    void aLineOfABatchThatExactlyFillsTheFileStaysInItAndTheRestGoesToTheNext() throws IOException {
        Path path = dir.resolve("api.log");
        String prefix = "2026-11-24T08:42:49.123Z out ";
        try (LogFile log = LogFile.open(path, new LogPolicy(100, 5, 1024), clock)) {
            log.append(LogStream.OUT, "first"); // 35 bytes with its stamp and newline
            String filler = "f".repeat(100 - 35 - prefix.length() - 1); // the 65 bytes left, exactly
            log.append(LogStream.OUT, filler + "\nnext"); // one batch: the filler, then a line that cannot fit
            assertEquals(100, Files.size(dir.resolve("api.log.1")), "the first file is filled to the byte");
            assertEquals(List.of(prefix + "first", prefix + filler), Files.readAllLines(dir.resolve("api.log.1")));
            assertEquals(List.of(prefix + "next"), Files.readAllLines(path));
        }
    }

    @Test
    void lineLargerThanTheCapGetsAFileOfItsOwn() throws IOException {
        Path path = dir.resolve("big.log");
        try (LogFile log = LogFile.open(path, new LogPolicy(100, 5, 1024), clock)) {
            log.append(LogStream.OUT, "before");
            log.append(LogStream.OUT, "x".repeat(300));
            log.append(LogStream.OUT, "after");
        }
        assertEquals(List.of("2026-11-24T08:42:49.123Z out after"), Files.readAllLines(path));
        assertEquals(List.of("2026-11-24T08:42:49.123Z out " + "x".repeat(300)),
                Files.readAllLines(dir.resolve("big.log.1")));
        assertEquals(List.of("2026-11-24T08:42:49.123Z out before"), Files.readAllLines(dir.resolve("big.log.2")));
    }

    @Test
    void singleFilePolicyStartsOverAtTheCap() throws IOException {
        Path path = dir.resolve("one.log");
        try (LogFile log = LogFile.open(path, new LogPolicy(100, 1, 1024), clock)) {
            for (int i = 0; i < 10; i++) {
                log.append(LogStream.OUT, "line " + i);
            }
        }
        assertEquals(List.of("one.log"), logFileNames(dir));
        List<String> lines = Files.readAllLines(path);
        assertEquals("2026-11-24T08:42:49.123Z out line 9", lines.get(lines.size() - 1));
        assertTrue(lines.size() < 10);
    }

    @Test
    void reopeningAppendsAndRepairsATornLastLine() throws IOException {
        Path path = dir.resolve("api.log");
        Files.writeString(path, "2026-11-24T08:42:49.123Z out complete\ntorn wri");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "fresh");
        }
        assertEquals(List.of("2026-11-24T08:42:49.123Z out complete", "torn wri", "2026-11-24T08:42:49.123Z out fresh"),
                Files.readAllLines(path));
    }

    @Test
    void reopeningALogThatEndsWithANewlineAddsNoBlankLine() throws IOException {
        Path path = dir.resolve("api.log");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "before");
        }
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "after");
        }
        assertEquals(List.of("2026-11-24T08:42:49.123Z out before", "2026-11-24T08:42:49.123Z out after"),
                Files.readAllLines(path));
    }

    @Test
    void openingWithFewerFilesDeletesSurplusRotations() throws IOException {
        Path path = dir.resolve("api.log");
        for (String name : List.of("api.log", "api.log.1", "api.log.2", "api.log.3", "api.log.7", "api.log.x", "api.logs")) {
            Files.writeString(dir.resolve(name), "");
        }
        LogFile.open(path, new LogPolicy(1000, 2, 1024), clock).close();
        assertEquals(List.of("api.log", "api.log.1", "api.log.x", "api.logs"), logFileNames(dir));
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        Path path = dir.resolve("api.log");
        int perThread = 2000;
        try (LogFile log = LogFile.open(path, new LogPolicy(64 * 1024, 50, 4096), clock)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (LogStream stream : LogStream.values()) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            log.append(stream, stream.word().repeat(30) + " " + i);
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertTrue(failures.isEmpty(), failures.toString());
        }
        List<String> lines = allFileLines(path, 50);
        assertEquals(2 * perThread, lines.size());
        int[] next = new int[2];
        for (String text : lines) {
            LogLine line = LogFormat.parse(text);
            assertNotNull(line, "mangled line: " + text);
            String word = line.stream().word();
            assertEquals(word.repeat(30) + " " + next[line.stream().ordinal()]++, line.text());
        }
        assertFalse(Files.exists(dir.resolve("api.log.50")));
    }
}
