package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon runs for months and reads logs on every `tend logs`: a file of a log left open by a write, a rotation or
 * a read is a descriptor lost for good (and a rotated-away file whose disk space never comes back). The test counts
 * this process's open descriptors of the test's own directory (/proc/self/fd), so other threads' files do not count.
 */
class LogChannelsClosedTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));

    /** The files under the test's directory that this process holds open, one entry per descriptor. */
    private List<String> openFilesOfTheLog() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        List<String> open = new ArrayList<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    Path target = Files.readSymbolicLink(link);
                    if (target.startsWith(dir)) {
                        open.add(target.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the descriptor of the listing itself, or one closed meanwhile
                }
            }
        }
        return open;
    }

    @Test
    void aLogThatRotatedManyTimesHoldsOnlyItsLiveFileOpenAndNothingOnceClosed() throws IOException {
        Path path = dir.resolve("api.log");
        LogFile log = LogFile.open(path, new LogPolicy(200, 3, 100), clock);
        try {
            for (int i = 0; i < 100; i++) {
                log.append(LogStream.OUT, "line " + i);
            }
            assertTrue(Files.exists(dir.resolve("api.log.2")), "the test must have rotated");
            assertEquals(List.of("api.log"), openFilesOfTheLog(), "rotated files are closed as they go");
        } finally {
            log.close();
        }
        assertEquals(List.of(), openFilesOfTheLog());
    }

    @Test
    void reopeningALogWithContentHoldsOnlyItsLiveFileOpen() throws IOException {
        Path path = dir.resolve("api.log");
        Files.writeString(path, "2026-11-24T08:00:00.000Z out torn");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            assertEquals(List.of("api.log"), openFilesOfTheLog(), "the look at its last byte is closed");
        }
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            assertEquals(List.of("api.log"), openFilesOfTheLog(), "also when it ends with a newline");
        }
        assertEquals(List.of(), openFilesOfTheLog());
    }

    @Test
    void everyKindOfReadClosesEveryFileOfTheLogItOpened() throws IOException {
        Path path = LogReaderTest.writeRotated(dir, clock, 300);
        assertEquals(List.of(), openFilesOfTheLog(), "the writer is closed");
        LogBudget small = new LogBudget(400, 100);
        LogPosition end = LogReader.end(path);
        LogPage tail = LogReader.readTail(path, 50, null, null, small);
        LogPage since = LogReader.readTail(path, 0, Instant.parse("2026-11-24T08:04:00Z"), LogStream.ERR, small);
        LogPage after = LogReader.readAfter(path, tail.next(), small, null);
        LogPage bounded = LogReader.readAfter(path, LogPosition.START, tail.next(), small, LogStream.OUT);
        LogPage pastBound = LogReader.readAfter(path, end, tail.next(), small, null);
        LogPage gap = LogReader.readAfter(path, new LogPosition("gone", -1, 10), small, null);

        assertTrue(tail.more() && !after.lines().isEmpty() && !bounded.lines().isEmpty() && !since.lines().isEmpty(),
                "the reads must have read something");
        assertTrue(pastBound.lines().isEmpty() && gap.gap(), "and taken the early ways out");
        assertEquals(List.of(), openFilesOfTheLog());
    }

    @Test
    void readingALogThatDoesNotExistYetLeavesNothingOpen() throws IOException {
        Path path = dir.resolve("nothing.log");
        assertEquals(LogPosition.START, LogReader.end(path));
        assertTrue(LogReader.readTail(path, 10, null, null, LogBudget.forService("p", "s")).lines().isEmpty());
        assertEquals(List.of(), openFilesOfTheLog());
    }
}
