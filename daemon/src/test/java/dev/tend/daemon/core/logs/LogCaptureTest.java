package dev.tend.daemon.core.logs;

import dev.tend.daemon.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCaptureTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:42:49.123Z"));

    /** Runs the script under /bin/sh -c, capturing both streams until they end; kills it if anything goes wrong. */
    private void capture(String script, LogFile file, LogListener listener) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", script).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            CompletableFuture<Void> out = LogCapture.start("svc", LogStream.OUT, process.getInputStream(), file, listener);
            CompletableFuture<Void> err = LogCapture.start("svc", LogStream.ERR, process.getErrorStream(), file, listener);
            CompletableFuture.allOf(out, err).get(120, TimeUnit.SECONDS);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child did not exit");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The file's lines, split at '\n' only (a '\r' inside a line is part of its text), each parsed. */
    static List<LogLine> parseAll(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(content.isEmpty() || content.endsWith("\n"), file + " ends inside a line");
        List<LogLine> lines = new ArrayList<>();
        String[] parts = content.split("\n", -1);
        for (int i = 0; i < parts.length - 1; i++) { // the part after the last '\n' is empty
            LogLine parsed = LogFormat.parse(parts[i]);
            assertNotNull(parsed, "not a log line: " + parts[i]);
            lines.add(parsed);
        }
        return lines;
    }

    private static List<String> texts(List<LogLine> lines, LogStream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(LogLine::text).collect(Collectors.toList());
    }

    @Test
    void childStdoutAndStderrAreMarkedByStream() throws Exception {
        Path path = dir.resolve("svc.log");
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            capture("echo out one; echo err one >&2; echo out two; echo err two >&2; printf 'crlf\\r\\n'", file, null);
        }
        List<LogLine> lines = parseAll(path);
        assertEquals(List.of("out one", "out two", "crlf"), texts(lines, LogStream.OUT));
        assertEquals(List.of("err one", "err two"), texts(lines, LogStream.ERR));
        assertTrue(lines.stream().allMatch(l -> l.time().equals(Instant.parse("2026-11-24T08:42:49.123Z"))));
    }

    @Test
    void hundredMegabytesOfNumberedLinesArriveCompleteAndInOrder() throws Exception {
        Path path = dir.resolve("flood.log");
        int count = 1_000_000;
        int files = 20;
        // Lines "line 00000001 xxx...x" of 100 bytes with their '\n': 100 MB in all.
        String script = "awk 'BEGIN { pad = sprintf(\"%86s\", \"\"); gsub(/ /, \"x\", pad);"
                + " for (i = 1; i <= " + count + "; i++) printf \"line %08d %s\\n\", i, pad }'";
        AtomicInteger heard = new AtomicInteger();
        long started = System.nanoTime();
        try (LogFile file = LogFile.open(path, new LogPolicy(8L * 1024 * 1024, files, 64 * 1024), Clock.systemUTC())) {
            capture(script, file, lines -> heard.addAndGet(lines.size()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("captured 100 MB in %.2f s (%.0f MB/s, including awk)%n", seconds, 100 / seconds);
        assertEquals(count, heard.get());
        assertTrue(Files.exists(path.resolveSibling("flood.log.1")), "expected rotation to have happened");
        assertEquals(count + 1, checkNumberedLines(path, files, 86), "lines missing at the end");
    }

    /**
     * Checks that the log's files hold "line N xxx" lines, N counting from 1 with no gap or repeat, each intact;
     * returns the number after the last.
     */
    private static int checkNumberedLines(Path log, int files, int padLength) throws IOException {
        int lineLength = LogFormat.TEXT_OFFSET + "line 00000000 ".length() + padLength;
        int expected = 1;
        for (int i = files - 1; i >= 0; i--) {
            Path file = i == 0 ? log : log.resolveSibling(log.getFileName() + "." + i);
            if (!Files.exists(file)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int nl = 0; nl < bytes.length; nl++) {
                if (bytes[nl] != '\n') {
                    continue;
                }
                if (!isNumberedLine(bytes, start, nl, expected, lineLength)) {
                    fail(file.getFileName() + " at byte " + start + ": expected line " + expected + ", found '"
                            + new String(bytes, start, nl - start, StandardCharsets.UTF_8) + "'");
                }
                expected++;
                start = nl + 1;
            }
            assertEquals(bytes.length, start, file + " ends inside a line");
        }
        return expected;
    }

    private static boolean isNumberedLine(byte[] bytes, int start, int end, int number, int lineLength) {
        if (end - start != lineLength || LogFormat.streamOf(bytes, start, end - start) != LogStream.OUT
                || LogFormat.parseTime(bytes, start) == null) {
            return false;
        }
        String digits = Integer.toString(number);
        String expected = "line " + "0".repeat(8 - digits.length()) + digits + " ";
        int text = start + LogFormat.TEXT_OFFSET;
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[text + i] != expected.charAt(i)) {
                return false;
            }
        }
        for (int i = text + expected.length(); i < end; i++) {
            if (bytes[i] != 'x') {
                return false;
            }
        }
        return true;
    }

    @Test
    void megabyteLineIsCutAndMarkedAndTheNextLineIsIntact() throws Exception {
        Path path = dir.resolve("long.log");
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            capture("head -c 1048576 /dev/zero | tr '\\0' 'a'; echo; echo after", file, null);
        }
        List<LogLine> lines = parseAll(path);
        assertEquals(2, lines.size());
        assertEquals("a".repeat(65536) + " [tend: line cut, " + (1048576 - 65536) + " bytes dropped]", lines.get(0).text());
        assertEquals("after", lines.get(1).text());
    }

    @Test
    void invalidUtf8AndNulBytesKeepTheFileValidUtf8() throws Exception {
        Path path = dir.resolve("binary.log");
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            // bad lead byte, lone continuation, NUL, a truncated 3-byte sequence, then good UTF-8.
            capture("printf 'a\\377b\\n\\200\\n\\000nul\\n\\342\\202\\nok \\342\\202\\254\\n'; head -c 100000 /dev/urandom", file, null);
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new AssertionError("log file is not valid UTF-8", e);
        }
        assertTrue(Files.readString(path).indexOf('\0') < 0, "NUL written to the log");
        List<LogLine> lines = parseAll(path);
        assertEquals(List.of("a\uFFFDb", "\uFFFD", "\uFFFDnul", "\uFFFD", "ok €"), texts(lines, LogStream.OUT).subList(0, 5));
        // The random tail has as many lines as it has '\n' bytes, plus its unterminated end (if non-empty).
        assertTrue(lines.size() > 5);
    }

    @Test
    void randomBinaryOutputGivesOneLinePerNewline() throws Exception {
        byte[] random = new byte[300_000];
        new java.util.Random(42).nextBytes(random);
        random[random.length - 1] = '\n';
        long newlines = 0;
        for (byte b : random) {
            newlines += b == '\n' ? 1 : 0;
        }
        Path path = dir.resolve("random.log");
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            LogCapture.start("svc", LogStream.OUT, new ByteArrayInputStream(random), file, null).get(30, TimeUnit.SECONDS);
        }
        assertEquals(newlines, parseAll(path).size());
    }

    @Test
    void lastLineWithoutNewlineIsKept() throws Exception {
        Path path = dir.resolve("tail.log");
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            capture("echo first; printf 'no newline at the end'", file, null);
        }
        assertEquals(List.of("first", "no newline at the end"), texts(parseAll(path), LogStream.OUT));
    }

    @Test
    void listenerHearsOfLinesOnlyOnceTheyAreInTheFile() throws Exception {
        Path path = dir.resolve("order.log");
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger checked = new AtomicInteger();
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            capture("i=0; while [ $i -lt 300 ]; do i=$((i+1)); echo \"out $i\"; echo \"err $i\" >&2; done", file, lines -> {
                try {
                    List<String> onDisk = Files.readAllLines(path, StandardCharsets.UTF_8);
                    for (LogLine line : lines) {
                        if (!onDisk.contains(LogFormat.format(line))) {
                            problems.add("not yet in the file: " + line);
                        }
                        checked.incrementAndGet();
                    }
                } catch (IOException e) {
                    problems.add(e.toString());
                }
            });
        }
        assertEquals(List.of(), problems);
        assertEquals(600, checked.get());
    }

    @Test
    void throwingListenerDoesNotStopThePump() throws Exception {
        Path path = dir.resolve("throw.log");
        AtomicInteger calls = new AtomicInteger();
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            capture("for i in 1 2 3 4 5; do echo $i; sleep 0.05; done", file, lines -> {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            });
        }
        assertEquals(List.of("1", "2", "3", "4", "5"), texts(parseAll(path), LogStream.OUT));
        assertTrue(calls.get() >= 2, "the listener was called only " + calls.get() + " times");
    }

    @Test
    void captureCompletesAndClosesWhenTheStreamEnds() throws Exception {
        Path path = dir.resolve("end.log");
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream("x\ny".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            List<LogLine> heard = Collections.synchronizedList(new ArrayList<>());
            LogCapture.start("svc", LogStream.ERR, in, file, heard::addAll).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("x", "y"), heard.stream().map(LogLine::text).collect(Collectors.toList()));
            assertTrue(heard.stream().allMatch(l -> l.stream() == LogStream.ERR));
        }
        assertTrue(closed[0], "stream not closed at the end");
    }
}
