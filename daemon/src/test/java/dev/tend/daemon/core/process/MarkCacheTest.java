package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MarkCacheTest {

    private final MarkCache cache = new MarkCache();
    private final AtomicInteger reads = new AtomicInteger();

    private Supplier<List<String>> reading(String... marks) {
        return () -> {
            reads.incrementAndGet();
            return List.of(marks);
        };
    }

    private static ProcStat process(long pid, long startTicks) {
        return new ProcStat(pid, 'S', 1, pid, pid, 0, 0, startTicks);
    }

    @Test
    void aSettledProcessIsReadOnceAndThenAnsweredFromMemory() {
        ProcStat p = process(4242, 100);
        Instant later = Os.startTime(p).plus(MarkCache.SETTLED).plusSeconds(1);

        assertEquals(List.of("a"), cache.marks(p, later, reading("a")));
        assertEquals(List.of("a"), cache.marks(p, later, reading("changed")));
        assertEquals(1, reads.get());
    }

    @Test
    void aYoungProcessIsReadAtEveryLookSinceItMayStillExec() {
        ProcStat p = process(4242, 100);
        Instant young = Os.startTime(p).plus(MarkCache.SETTLED).minusMillis(1);

        cache.marks(p, young, reading());
        assertEquals(List.of("b"), cache.marks(p, young, reading("b")));
        assertEquals(2, reads.get());
        assertEquals(0, cache.size());
    }

    @Test
    void aReusedPidIsReadAfresh() {
        ProcStat first = process(4242, 100);
        ProcStat reused = process(4242, 900);
        Instant later = Os.startTime(reused).plus(MarkCache.SETTLED).plusSeconds(1);

        cache.marks(first, later, reading("a"));
        assertEquals(List.of(), cache.marks(reused, later, reading()));
        assertEquals(2, reads.get());
    }

    @Test
    void processesNoLongerAmongTheLivingAreForgotten() {
        ProcStat gone = process(4242, 100);
        ProcStat stays = process(4243, 100);
        Instant later = Os.startTime(gone).plus(MarkCache.SETTLED).plusSeconds(1);
        cache.marks(gone, later, reading("a"));
        cache.marks(stays, later, reading());

        cache.retain(List.of(stays));

        assertEquals(1, cache.size());
        cache.marks(gone, later, reading("a"));
        assertEquals(3, reads.get());
    }
}
