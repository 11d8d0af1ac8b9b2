package dev.tend.daemon.core.events;

import dev.tend.daemon.core.logs.LogBudget;
import dev.tend.daemon.core.logs.LogFile;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogPage;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.logs.LogReader;
import dev.tend.daemon.core.logs.LogStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTailerTest {
    @TempDir
    Path dir;

    @Test
    void eventsCarryEveryLineOnceInFileOrderAcrossRotationWithChainedPositions() throws Exception {
        Path path = dir.resolve("demo/web.log");
        // Small files, enough of them that no line is rotated away before the tailer reads it back.
        LogFile file = LogFile.open(path, new LogPolicy(2048, 400, 1024), Clock.systemUTC());
        file.append(LogStream.OUT, "before the subscription");
        EventBus bus = new EventBus(new BusLimits(1_000_000, 1L << 30));
        LogTailer tailer = new LogTailer(bus, (p, s) -> dir.resolve(p).resolve(s + ".log"));
        RecordingSink sink = new RecordingSink();
        try {
            bus.subscribe(this, EnumSet.of(Topic.LOG), new EventFilter(null, Set.of("demo/web")), sink).subscription().start();
            tailer.watch("demo", "web");
            int n = 3000;
            for (int i = 0; i < n; i++) {
                file.append(i % 3 == 0 ? LogStream.ERR : LogStream.OUT, "line " + i);
                if (i % 10 == 0) {
                    tailer.linesWritten("demo", "web");
                }
            }
            tailer.linesWritten("demo", "web");
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
                seen = texts(sink.events());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add("line " + i);
            }
            assertEquals(expected, seen);
            assertTrue(Files.exists(dir.resolve("demo/web.log.20")), "the test must have rotated many times");
            // Each event starts where the previous one ended: reading after one event's next gives the next's lines.
            List<Event> events = sink.events();
            for (int k = 1; k < events.size(); k++) {
                Event.LogAppended prev = (Event.LogAppended) events.get(k - 1);
                Event.LogAppended cur = (Event.LogAppended) events.get(k);
                LogPage page = LogReader.readAfter(path, prev.next(), cur.next(), LogBudget.forService("demo", "web"), null);
                assertEquals(cur.lines(), page.lines(), "event " + k + " continues event " + (k - 1));
            }
        } finally {
            tailer.close();
            bus.close();
            file.close();
        }
    }

    @Test
    void aBurstOfLongLinesIsSplitIntoEventsWithinTheBudgetKeepingEveryLineInOrder() throws Exception {
        Path path = dir.resolve("demo/web.log");
        LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, Clock.systemUTC());
        EventBus bus = new EventBus(new BusLimits(1_000_000, 1L << 30));
        LogTailer tailer = new LogTailer(bus, (p, s) -> dir.resolve(p).resolve(s + ".log"));
        RecordingSink sink = new RecordingSink();
        try {
            bus.subscribe(this, EnumSet.of(Topic.LOG), new EventFilter(null, Set.of("demo/web")), sink).subscription().start();
            tailer.watch("demo", "web");
            List<String> expected = new ArrayList<>();
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                String text = i + ":" + "y".repeat(60_000);
                expected.add(text);
                burst.append(i == 0 ? "" : "\n").append(text);
            }
            file.append(LogStream.OUT, burst.toString());
            tailer.linesWritten("demo", "web");
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < expected.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                seen = texts(sink.events());
            }
            assertEquals(expected.size(), seen.size(), "lines announced");
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(expected.get(i).equals(seen.get(i)), "line " + i + " is in its place"); // no 60 KB diffs
            }
            LogBudget budget = LogBudget.forService("demo", "web");
            assertTrue(sink.events().size() >= 300 * 60_000 / LogBudget.PAGE_BYTES, sink.events().size() + " events");
            for (Event e : sink.events()) {
                long cost = ((Event.LogAppended) e).lines().stream().mapToLong(budget::cost).sum();
                assertTrue(cost <= budget.bytes(), "an event of " + cost + " bytes");
            }
        } finally {
            tailer.close();
            bus.close();
            file.close();
        }
    }

    @Test
    void aFollowerThatComesBackStartsAtTheEndNotWhereTheLastOneLeft() throws Exception {
        Path path = dir.resolve("demo/web.log");
        LogFile file = LogFile.open(path, LogPolicy.DEFAULTS, Clock.systemUTC());
        EventBus bus = new EventBus(BusLimits.DEFAULT);
        LogTailer tailer = new LogTailer(bus, (p, s) -> dir.resolve(p).resolve(s + ".log"));
        EventFilter web = new EventFilter(null, Set.of("demo/web"));
        try {
            RecordingSink first = new RecordingSink();
            Subscription sub = bus.subscribe(this, EnumSet.of(Topic.LOG), web, first).subscription();
            sub.start();
            tailer.watch("demo", "web");
            file.append(LogStream.OUT, "a");
            tailer.linesWritten("demo", "web");
            awaitTexts(first, List.of("a"));
            sub.cancel();
            file.append(LogStream.OUT, "b (nobody follows)");
            tailer.linesWritten("demo", "web");
            RecordingSink second = new RecordingSink();
            tailer.idle().get(30, TimeUnit.SECONDS); // the tailer saw that nobody wants "b"
            bus.subscribe(this, EnumSet.of(Topic.LOG), web, second).subscription().start();
            tailer.watch("demo", "web");
            file.append(LogStream.OUT, "c");
            tailer.linesWritten("demo", "web");
            awaitTexts(second, List.of("c"));
            assertEquals(List.of("a"), texts(first.events()));
        } finally {
            tailer.close();
            bus.close();
            file.close();
        }
    }

    private static void awaitTexts(RecordingSink sink, List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (texts(sink.events()).size() < expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Lines arrive in file order: a wrong "b" would have come before or with the expected ones.
        assertEquals(expected, texts(sink.events()));
    }

    private static List<String> texts(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            for (LogLine l : ((Event.LogAppended) e).lines()) {
                out.add(l.text());
            }
        }
        return out;
    }
}
