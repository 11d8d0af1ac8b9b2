package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tend.daemon.core.time.VirtualTimer;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pure: a process table in memory, and a pacer whose polls never come, so only the main process's exit can end a stop. */
class StopSequenceTest {
    private static final long MAIN = 4242;
    private static final long CHILD = 4243;

    private final Map<Long, Instant> alive = new ConcurrentHashMap<>(Map.of(MAIN, Instant.EPOCH));
    private final List<Set<Long>> kills = new ArrayList<>();
    private final AtomicInteger looks = new AtomicInteger();
    private final CompletableFuture<ExitStatus> mainExit = new CompletableFuture<>();

    private final ProcessControl control = new ProcessControl() {
        @Override public void signalGroup(long pgid, Signal signal) { }
        @Override public void signal(long pid, Signal signal) { }
        @Override public Set<Long> tree(long pid) { return Set.copyOf(alive.keySet()); }
        @Override public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) { }
        @Override public Set<Long> marked(String token) { return Set.of(); }
        @Override public synchronized void kill(Set<Long> pids) {
            kills.add(Set.copyOf(pids));
            pids.forEach(alive::remove);
        }
        @Override public Optional<Instant> startTime(long pid) { return Optional.ofNullable(alive.get(pid)); }
        @Override public ResourceUsage usage(Set<Long> pids) { throw new UnsupportedOperationException(); }
        @Override public ProcessTable table() {
            looks.incrementAndGet();
            return ProcessControl.super.table();
        }
    };

    private final ChildProcess main = new ChildProcess() {
        @Override public long pid() { return MAIN; }
        @Override public Instant startTime() { return Instant.EPOCH; }
        @Override public InputStream stdout() { return InputStream.nullInputStream(); }
        @Override public InputStream stderr() { return InputStream.nullInputStream(); }
        @Override public CompletableFuture<ExitStatus> onExit() { return mainExit; }
    };

    /** Takes every poll and never runs it. */
    private static final class SilentPacer extends ScheduledThreadPoolExecutor {
        SilentPacer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }

    @Test
    void aStopEndsWhenTheMainProcessExitsWithoutWaitingForTheNextPoll() throws Exception {
        SilentPacer pacer = new SilentPacer();
        try {
            VirtualTimer timer = new VirtualTimer();
            CompletableFuture<Boolean> gone = new RunTree(control, main, null)
                    .stop(Signal.TERM, Duration.ofSeconds(10), timer, pacer, Runnable::run);
            assertFalse(gone.isDone(), "the main process still runs");

            alive.clear();
            mainExit.complete(ExitStatus.killed(Signal.TERM.number()));

            assertFalse(gone.get(10, TimeUnit.SECONDS), "gone on the signal, without SIGKILL");
            assertEquals(0, timer.pending(), "the stop timeout was cancelled");
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void aChildStillAliveAfterTheMainExitKeepsTheStopWaiting() throws Exception {
        SilentPacer pacer = new SilentPacer();
        try {
            VirtualTimer timer = new VirtualTimer();
            alive.put(CHILD, Instant.EPOCH);
            CompletableFuture<Boolean> gone = new RunTree(control, main, null)
                    .stop(Signal.TERM, Duration.ofSeconds(10), timer, pacer, Runnable::run);

            alive.remove(MAIN);
            mainExit.complete(ExitStatus.exited(0));

            assertFalse(gone.isDone(), "the child is part of the tree");
            timer.advance(Duration.ofSeconds(10));
            assertEquals(List.of(Set.of(CHILD)), kills);
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void leftoversAfterAnExitAreFoundAndKilledFromOneLookAtTheTable() {
        alive.put(CHILD, Instant.EPOCH);
        RunTree tree = new RunTree(control, main, null);
        tree.alive(); // the tree is known while the main process runs
        looks.set(0);
        alive.remove(MAIN);
        mainExit.complete(ExitStatus.exited(1));

        tree.mainExitedKillLeftovers();

        assertEquals(List.of(Set.of(CHILD)), kills);
        assertEquals(1, looks.get(), "one look at the process table");
    }
}
