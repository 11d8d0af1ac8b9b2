package dev.tend.daemon.core.logs;

import dev.tend.daemon.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));

    /** Writes "line 0".."line n-1" a second apart, every third on stderr, into small rotating files. */
    private Path writeRotated(int n) throws IOException {
        return writeRotated(dir, clock, n);
    }

    static Path writeRotated(Path dir, MutableClock clock, int n) throws IOException {
        Path path = dir.resolve("api.log");
        try (LogFile log = LogFile.open(path, new LogPolicy(2000, 50, 1024), clock)) {
            for (int i = 0; i < n; i++) {
                log.append(i % 3 == 0 ? LogStream.ERR : LogStream.OUT, "line " + i);
                clock.advance(Duration.ofSeconds(1));
            }
        }
        assertTrue(Files.exists(dir.resolve("api.log.5")), "the test must span several rotated files");
        return path;
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("line " + i);
        }
        return out;
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    /** The first page of the tail, then every page after it, as the CLI reads them. */
    private static List<LogPage> allPages(Path path, int tail, Instant since, LogStream only, LogBudget budget)
            throws IOException {
        List<LogPage> pages = new ArrayList<>();
        LogPage page = LogReader.readTail(path, tail, since, only, budget);
        pages.add(page);
        while (page.more()) {
            page = LogReader.readAfter(path, page.next(), budget, only);
            pages.add(page);
        }
        return pages;
    }

    private static List<String> texts(Iterable<LogPage> pages) {
        List<String> out = new ArrayList<>();
        for (LogPage p : pages) {
            out.addAll(texts(p.lines()));
        }
        return out;
    }

    @Test
    void tailReachesBackAcrossRotatedFilesAndReturnsTheLastLinesInOrder() throws IOException {
        Path path = writeRotated(500);
        LogPage page = LogReader.readTail(path, 120, null, null, LogBudget.forService("p", "api"));
        assertEquals(expected(380, 500), texts(page.lines()));
        assertFalse(page.more());
        assertEquals(LogReader.end(path), page.next(), "a whole tail ends at the end");
        assertEquals(LogReader.end(path), page.end());
    }

    @Test
    void tailZeroReturnsEveryKeptLineAcrossRotatedFiles() throws IOException {
        Path path = writeRotated(500);
        List<String> kept = LogFileTest.allFileLines(path, 50).stream()
                .map(l -> l.substring(LogFormat.TEXT_OFFSET)).toList();
        assertEquals(expected(0, 500), kept, "nothing was rotated away: the test reads the whole history");
        assertEquals(kept, texts(LogReader.readTail(path, 0, null, null, LogBudget.forService("p", "api")).lines()));
    }

    @Test
    void sinceStartsTheTailAtTheFirstLineAtOrAfterThatTime() throws IOException {
        Path path = writeRotated(500);
        Instant since = Instant.parse("2026-11-24T08:00:00Z").plusSeconds(321);
        assertEquals(expected(321, 500), texts(LogReader.readTail(path, 0, since, null, LogBudget.forService("p", "api")).lines()));
        assertEquals(expected(490, 500), texts(LogReader.readTail(path, 10, since, null, LogBudget.forService("p", "api")).lines()));
    }

    @Test
    void untilEndsTheTailAtTheLastLineAtOrBeforeThatTimeOnEveryPage() throws IOException {
        Path path = writeRotated(500);
        Instant start = Instant.parse("2026-11-24T08:00:00Z");
        Instant until = start.plusSeconds(300);
        LogBudget budget = LogBudget.forService("p", "api");
        assertEquals(expected(291, 301), texts(LogReader.readTail(path, 10, null, until, null, budget).lines()));
        assertEquals(expected(100, 301), texts(LogReader.readTail(path, 0, start.plusSeconds(100), until, null, budget)
                .lines()));

        LogBudget small = new LogBudget(400, 100);
        List<String> read = new ArrayList<>();
        LogPage page = LogReader.readTail(path, 50, null, until, null, small);
        read.addAll(texts(page.lines()));
        while (page.more()) {
            page = LogReader.readAfter(path, page.next(), null, small, null, until);
            read.addAll(texts(page.lines()));
        }
        assertEquals(expected(251, 301), read, "pages after the first leave out what came after until too");
    }

    @Test
    void streamFilterCountsTheTailInLinesOfThatStreamOnly() throws IOException {
        Path path = writeRotated(500);
        List<String> lastErr = new ArrayList<>();
        for (int i = 498; lastErr.size() < 40; i -= 3) {
            lastErr.add(0, "line " + i);
        }
        LogBudget budget = new LogBudget(400, 100);
        List<LogPage> pages = allPages(path, 40, null, LogStream.ERR, budget);
        assertEquals(lastErr, texts(pages));
        assertTrue(pages.size() > 5, "the small budget must have split the tail into pages");
    }

    @Test
    void pagesOfATailGiveEveryLineExactlyOnceInOrderWithinTheBudget() throws IOException {
        Path path = dir.resolve("api.log");
        List<String> written = new ArrayList<>();
        try (LogFile log = LogFile.open(path, new LogPolicy(1 << 20, 20, 64 * 1024), clock)) {
            for (int i = 0; i < 300; i++) {
                String text = i + ":" + String.valueOf((char) ('a' + i % 26)).repeat(10_000) + "\"\t";
                written.add(text);
                log.append(LogStream.OUT, text);
            }
        }
        assertTrue(Files.exists(dir.resolve("api.log.1")), "the test must cross a rotation");
        LogBudget budget = new LogBudget(64 * 1024, 100);
        for (int tail : new int[] {0, 250}) {
            List<LogPage> pages = allPages(path, tail, null, null, budget);
            List<String> want = written.subList(tail == 0 ? 0 : 300 - tail, 300);
            List<String> got = texts(pages);
            assertEquals(brief(want), brief(got), "tail " + tail); // short forms: a failure must not print megabytes
            assertTrue(want.equals(got), "tail " + tail + ": same texts");
            assertTrue(pages.size() >= 40, "6 lines fit a page: " + pages.size() + " pages");
            for (LogPage page : pages) {
                assertFalse(page.lines().isEmpty(), "a page says more only when a line follows");
                long cost = page.lines().stream().mapToLong(budget::cost).sum();
                assertTrue(cost <= budget.bytes(), "page of " + cost + " bytes");
            }
        }
    }

    private static List<String> brief(List<String> texts) {
        return texts.stream().map(t -> t.substring(0, t.indexOf(':')) + "/" + t.length()).toList();
    }

    @Test
    void aLineBiggerThanTheBudgetIsCutToFitAPageOfItsOwnAndTheNextPageGoesOn() throws IOException {
        Path path = dir.resolve("api.log");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "small");
            log.append(LogStream.OUT, "x".repeat(5000));
            log.append(LogStream.OUT, "after");
        }
        LogBudget budget = new LogBudget(1000, 100);
        List<LogPage> pages = allPages(path, 0, null, null, budget);
        assertEquals(3, pages.size());
        assertEquals(List.of("small"), texts(pages.get(0).lines()));
        String cut = pages.get(1).lines().get(0).text();
        assertTrue(cut.startsWith("xxxx") && cut.endsWith("characters not shown]"), cut);
        assertTrue(budget.cost(pages.get(1).lines().get(0)) <= budget.bytes());
        assertEquals(List.of("after"), texts(pages.get(2).lines()));
    }

    @Test
    void linesThatExactlyFillTheBudgetShareOnePage() throws IOException {
        Path path = dir.resolve("api.log");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            for (int i = 0; i < 9; i++) {
                log.append(LogStream.OUT, "line " + i);
            }
        }
        LogBudget threeLines = new LogBudget(3 * (100 + "line 0".length()), 100); // each line costs 106
        List<LogPage> pages = allPages(path, 0, null, null, threeLines);
        assertEquals(List.of(expected(0, 3), expected(3, 6), expected(6, 9)),
                pages.stream().map(p -> texts(p.lines())).toList());
        assertFalse(pages.get(pages.size() - 1).more());
    }

    @Test
    void readingAfterAPageEndThatWasRotatedAwaySaysGap() throws IOException {
        Path path = dir.resolve("api.log");
        LogPosition early;
        try (LogFile log = LogFile.open(path, new LogPolicy(500, 2, 1024), clock)) {
            log.append(LogStream.OUT, "first");
            early = LogReader.readTail(path, 1, null, null, LogBudget.forService("p", "api")).next();
            for (int i = 0; i < 100; i++) {
                log.append(LogStream.OUT, "line " + i);
            }
        }
        LogPage page = LogReader.readAfter(path, early, LogBudget.forService("p", "api"), null);
        assertTrue(page.gap());
        assertEquals("line 99", page.lines().get(page.lines().size() - 1).text());
    }

    @Test
    void pagesBoundedByAFirstPagesEndStopThereWhileTheLogGrowsAndRotates() throws IOException {
        Path path = dir.resolve("api.log");
        LogBudget budget = new LogBudget(400, 100);
        List<LogPage> pages = new ArrayList<>();
        try (LogFile log = LogFile.open(path, new LogPolicy(2000, 50, 1024), clock)) {
            for (int i = 0; i < 200; i++) {
                log.append(LogStream.OUT, "line " + i);
            }
            LogPage page = LogReader.readTail(path, 0, null, null, budget);
            LogPosition end = page.end();
            pages.add(page);
            int written = 200;
            while (page.more()) {
                for (int k = 0; k < 10; k++) { // the writer outpaces the reader, rotating files under it
                    log.append(LogStream.OUT, "line " + written++);
                }
                page = LogReader.readAfter(path, page.next(), end, budget, null);
                assertEquals(end, page.end(), "a bounded page reports its bound");
                pages.add(page);
            }
            assertTrue(written > 400, "the log must have grown more than the pages read");
            assertEquals(end, page.next(), "the last page ends at the bound");
            LogPage rest = LogReader.readAfter(path, page.next(), budget, null);
            assertEquals("line 200", rest.lines().get(0).text(), "reading on from the bound continues with no gap");
            assertFalse(rest.gap());
        }
        assertEquals(expected(0, 200), texts(pages));
        assertTrue(pages.size() > 5, "the small budget must have split the read into pages");
    }

    @Test
    void aBoundBeforeThePositionOrRotatedAwayReadsNothing() throws IOException {
        Path path = dir.resolve("api.log");
        LogBudget budget = LogBudget.forService("p", "api");
        try (LogFile log = LogFile.open(path, new LogPolicy(500, 2, 1024), clock)) {
            log.append(LogStream.OUT, "first");
            LogPosition early = LogReader.end(path);
            log.append(LogStream.OUT, "second");
            LogPosition later = LogReader.end(path);
            LogPage behind = LogReader.readAfter(path, later, early, budget, null);
            assertEquals(List.of(), behind.lines());
            assertFalse(behind.more());
            assertEquals(later, behind.next(), "reading on resumes where the reader was, not at the bound");
            assertEquals(List.of(), LogReader.readAfter(path, LogPosition.START, LogPosition.START, budget, null).lines(),
                    "a log that was empty when the read began has nothing before its end");
            for (int i = 0; i < 100; i++) {
                log.append(LogStream.OUT, "line " + i);
            }
            LogPage gone = LogReader.readAfter(path, early, early, budget, null);
            assertEquals(List.of(), gone.lines(), "every line kept was written after a bound that was rotated away");
        }
    }

    @Test
    void readingAfterTheEndOfTheLogIsNoGap() throws IOException {
        Path path = writeRotated(300);
        LogPage page = LogReader.readAfter(path, LogReader.end(path), LogBudget.forService("p", "api"), null);
        assertTrue(page.lines().isEmpty());
        assertFalse(page.gap(), "the end is a position the live file has");
    }

    @Test
    void aTailSinceATimeEndsAtTheLastLineOlderThanIt() throws IOException {
        Path path = dir.resolve("api.log");
        Instant start = Instant.parse("2026-11-24T08:00:00Z");
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            clock.set(start.plusSeconds(100));
            log.append(LogStream.OUT, "before the clock was set back");
            clock.set(start);
            log.append(LogStream.OUT, "old");
            clock.set(start.plusSeconds(100));
            log.append(LogStream.OUT, "new");
        }
        assertEquals(List.of("new"), texts(LogReader.readTail(path, 0, start.plusSeconds(50), null,
                LogBudget.forService("p", "api")).lines()), "the search stops at the first line older than since");
    }

    @Test
    void aTailSinceTheFirstLineOfTheLiveFileReadsNothingOfTheFilesBefore() throws IOException {
        Path path = writeRotated(300);
        LogLine firstLive = LogFormat.parse(Files.readAllLines(path).get(0));
        int first = Integer.parseInt(firstLive.text().substring("line ".length()));
        LogPage page = LogReader.readTail(path, 0, firstLive.time(), null, LogBudget.forService("p", "api"));
        assertEquals(expected(first, 300), texts(page.lines()));
    }

    @Test
    void aTailReachesBackAcrossReadBlocksWithoutLosingOrBreakingALine() throws IOException {
        Path path = dir.resolve("big.log");
        List<String> written = new ArrayList<>();
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            for (int i = 0; i < 300; i++) {
                String text = i + ":" + "y".repeat(997 + i % 7); // lines of uneven length straddle the 64 KiB blocks
                written.add(text);
                log.append(LogStream.OUT, text);
            }
        }
        assertTrue(Files.size(path) > 4 * 64 * 1024, "the log must span several read blocks");
        LogBudget budget = LogBudget.forService("p", "api");
        assertEquals(written, texts(LogReader.readTail(path, 0, null, null, budget).lines()));
        assertEquals(written.subList(100, 300), texts(LogReader.readTail(path, 200, null, null, budget).lines()));
        LogBudget small = new LogBudget(20_000, 100);
        assertEquals(written.subList(50, 300), texts(allPages(path, 250, null, null, small)),
                "pages that begin inside later blocks");
    }

    @Test
    void aFileThatIsNotALogKeepsItsEmptyFirstLine() throws IOException {
        Path path = dir.resolve("plain.log");
        Files.writeString(path, "\nplain\n");
        assertEquals(List.of("", "plain"), texts(LogReader.readTail(path, 0, null, null, LogBudget.forService("p", "s"))
                .lines()));
    }

    @Test
    void aBoundFurtherIntoTheSameFileReadsUpToIt() throws IOException {
        Path path = dir.resolve("api.log");
        LogPosition afterFirst;
        LogPosition afterThird;
        try (LogFile log = LogFile.open(path, LogPolicy.DEFAULTS, clock)) {
            log.append(LogStream.OUT, "one");
            afterFirst = LogReader.end(path);
            log.append(LogStream.OUT, "two");
            log.append(LogStream.OUT, "three");
            afterThird = LogReader.end(path);
            log.append(LogStream.OUT, "four");
        }
        LogPage page = LogReader.readAfter(path, afterFirst, afterThird, LogBudget.forService("p", "api"), null);
        assertEquals(List.of("two", "three"), texts(page.lines()));
    }
}
