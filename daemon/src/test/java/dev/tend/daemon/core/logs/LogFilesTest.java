package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files belong to a log, and when a file is still the one a position was taken in. */
class LogFilesTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));

    @Test
    void onlyTheBaseNameAndCanonicalRotationNumbersUpToSixDigitsBelongToTheLog() {
        assertEquals(0, LogFiles.rotationIndex("x.log", "x.log"));
        assertEquals(1, LogFiles.rotationIndex("x.log.1", "x.log"));
        assertEquals(999_999, LogFiles.rotationIndex("x.log.999999", "x.log"));
        assertEquals(-1, LogFiles.rotationIndex("x.log.1234567", "x.log"), "7 digits");
        assertEquals(-1, LogFiles.rotationIndex("x.log.01", "x.log"), "a leading zero names no rotation");
        assertEquals(-1, LogFiles.rotationIndex("x.log.0", "x.log"));
        assertEquals(-1, LogFiles.rotationIndex("x.log.", "x.log"));
        assertEquals(-1, LogFiles.rotationIndex("x.log.1a", "x.log"));
        assertEquals(-1, LogFiles.rotationIndex("x.logs", "x.log"));
        assertEquals(-1, LogFiles.rotationIndex("y.log.1", "x.log"));
    }

    private Path writeLog(String... texts) throws IOException {
        Path path = dir.resolve("api.log");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            for (String text : texts) {
                log.append(LogStream.OUT, text);
            }
        }
        return path;
    }

    /** Same inode, other bytes: what `> api.log` or an editor that saves in place does. */
    private static void rewriteInPlace(Path path, List<String> lines) throws IOException {
        Files.write(path, lines, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Test
    void aLogRewrittenInPlaceIsANewFileAndReadingOnFromAnOldPositionSaysGap() throws IOException {
        Path path = writeLog("old one", "old two");
        Object inode = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        LogPosition old = LogReader.end(path);

        List<String> rewritten = List.of(
                "2026-11-24T09:00:00.000Z out new one",
                "2026-11-24T09:00:00.000Z out new two",
                "2026-11-24T09:00:00.000Z out new three");
        rewriteInPlace(path, rewritten);
        assertEquals(inode, Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "the test must keep the inode: only the head tells the files apart");
        assertTrue(Files.size(path) > old.offset(), "the old offset must still lie inside the file");

        LogPage page = LogReader.readAfter(path, old, LogBudget.forService("p", "api"), null);
        assertTrue(page.gap());
        assertEquals(List.of("new one", "new two", "new three"), page.lines().stream().map(LogLine::text).toList());
    }

    @Test
    void aLogTruncatedAndWrittenAgainIsANewFile() throws IOException {
        Path path = writeLog("before the truncation");
        LogPosition old = LogReader.end(path);
        rewriteInPlace(path, List.of());
        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        writeLog("after the truncation, a longer first line than before", "and a second");

        assertFalse(LogReader.end(path).equals(old));
        LogPage page = LogReader.readAfter(path, old, LogBudget.forService("p", "api"), null);
        assertTrue(page.gap());
        assertEquals("after the truncation, a longer first line than before", page.lines().get(0).text());
    }

    @Test
    void theSameFileGrownIsStillThatFileAndReadingOnHasNoGap() throws IOException {
        Path path = writeLog("one");
        LogPosition old = LogReader.end(path);
        writeLog("two");
        LogPage page = LogReader.readAfter(path, old, LogBudget.forService("p", "api"), null);
        assertFalse(page.gap());
        assertEquals(List.of("two"), page.lines().stream().map(LogLine::text).toList());
    }

    @Test
    void aFirstLineLongerThanTheHeadIsIdentifiedByItsFirstBytes() throws IOException {
        String longLine = "y".repeat(200);
        Path path = writeLog(longLine);
        LogPosition old = LogReader.end(path);
        rewriteInPlace(path, List.of("2026-11-24T08:00:00.000Z out " + "z".repeat(200),
                "2026-11-24T08:00:00.000Z out more"));
        LogPage page = LogReader.readAfter(path, old, LogBudget.forService("p", "api"), null);
        assertTrue(page.gap(), "the first 64 bytes hold the time and 35 bytes of text, which differ");
        assertEquals(2, page.lines().size());
    }
}
