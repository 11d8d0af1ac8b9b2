package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.time.Timer;
import dev.tend.daemon.core.time.VirtualTimer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a stop ends when the tree will not go, and when the daemon's executors are shut down under it. Pure: a
 * process table in memory whose processes outlive even SIGKILL unless a test says otherwise, and a pacer whose
 * polls run only when the test runs them.
 */
class StopSequenceEndsTest {
    private static final long MAIN = 4242;
    private static final long CHILD = 4243;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Processes that SIGKILL does not remove (stuck in the kernel, say). */
    private final MemoryProcesses unkillable = new MemoryProcesses(MAIN, CHILD) {
        @Override public synchronized void kill(Set<Long> pids) {
            kills.add(Set.copyOf(pids));
        }
    };
    private final CompletableFuture<ExitStatus> mainExit = new CompletableFuture<>();
    private final ChildProcess main = MemoryProcesses.main(MAIN, mainExit);
    private final HeldPacer pacer = new HeldPacer();
    private final VirtualTimer timer = new VirtualTimer();

    /** Takes every poll and runs it only in {@link #runNext}; writes down each delay asked for. */
    private static final class HeldPacer extends ScheduledThreadPoolExecutor {
        final List<Long> delays = new ArrayList<>();
        final Deque<Runnable> held = new ArrayDeque<>();
        boolean rejecting;

        HeldPacer() {
            super(1);
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (rejecting) {
                throw new RejectedExecutionException("shut down");
            }
            delays.add(unit.toMillis(delay));
            held.add(command);
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }

        void runNext() {
            Runnable next;
            synchronized (this) {
                next = held.poll();
            }
            next.run();
        }
    }

    @AfterEach
    void shutDown() {
        pacer.shutdownNow();
    }

    @Test
    void aTreeThatOutlivesSigkillIsWaitedForOnlyForTheKillGrace() throws Exception {
        CompletableFuture<Boolean> gone = new RunTree(unkillable, main, null)
                .stop(Signal.TERM, TIMEOUT, timer, pacer, Runnable::run);

        timer.advance(TIMEOUT);
        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), unkillable.kills);
        timer.advance(RunTree.KILL_GRACE.minusMillis(1));
        assertFalse(gone.isDone(), "still within SIGKILL's grace");

        timer.advance(Duration.ofMillis(1));

        assertTrue(gone.getNow(false), "no longer waited for, as killed");
        assertEquals(0, timer.pending());
    }

    @Test
    void aProcessForkedBetweenTheLookAndTheSigkillIsKilledByTheNextPoll() {
        long forked = 4244;
        MemoryProcesses forking = new MemoryProcesses(MAIN, CHILD) {
            @Override public synchronized void kill(Set<Long> pids) {
                super.kill(pids);
                if (pids.contains(MAIN) && !kills.stream().anyMatch(k -> k.contains(forked))) {
                    alive.put(forked, java.time.Instant.EPOCH); // the main forked it just before it died
                }
            }
        };
        CompletableFuture<Boolean> gone = new RunTree(forking, main, null)
                .stop(Signal.TERM, TIMEOUT, timer, pacer, Runnable::run);
        timer.advance(TIMEOUT);
        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), forking.kills);
        assertEquals(Set.of(forked), forking.alive.keySet(), "a member the SIGKILL's look could not see");

        pacer.runNext();

        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD), Set.of(forked)), forking.kills);
        pacer.runNext();
        assertTrue(gone.getNow(false), "gone, as killed");
        assertEquals(0, timer.pending(), "SIGKILL's grace was not waited out");
    }

    @Test
    void pollsBackOffFromTenMillisecondsDoublingUpToTwoHundred() {
        new RunTree(unkillable, main, null).stop(Signal.TERM, TIMEOUT, timer, pacer, Runnable::run);
        for (int i = 0; i < 6; i++) {
            pacer.runNext();
        }

        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 200L, 200L), pacer.delays);
    }

    @Test
    void aPollThatFindsTheTreeGoneEndsTheStopWithoutSigkill() {
        CompletableFuture<Boolean> gone = new RunTree(unkillable, main, null)
                .stop(Signal.TERM, TIMEOUT, timer, pacer, Runnable::run);
        pacer.runNext();
        assertFalse(gone.isDone());

        unkillable.alive.clear();
        pacer.runNext();

        assertFalse(gone.getNow(true), "gone on the signal");
        assertEquals(0, timer.pending(), "the stop timeout was cancelled");
        assertEquals(List.of(), unkillable.kills);
        assertEquals(List.of(10L, 20L), pacer.delays, "no poll after the tree was found gone");
    }

    @Test
    void aStopWhoseTimerIsShutDownKillsAtOnce() {
        Timer shutDown = (delay, task) -> {
            throw new RejectedExecutionException("shut down");
        };
        MemoryProcesses control = new MemoryProcesses(MAIN, CHILD);

        CompletableFuture<Boolean> gone = new RunTree(control, main, null)
                .stop(Signal.TERM, TIMEOUT, shutDown, pacer, Runnable::run);

        assertTrue(gone.getNow(false), "ended, as killed");
        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), control.kills);
    }

    @Test
    void aStopWhosePacerIsShutDownKillsAtOnce() {
        pacer.rejecting = true;
        MemoryProcesses control = new MemoryProcesses(MAIN, CHILD);

        CompletableFuture<Boolean> gone = new RunTree(control, main, null)
                .stop(Signal.TERM, TIMEOUT, timer, pacer, Runnable::run);

        assertTrue(gone.getNow(false), "ended, as killed");
        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), control.kills);
    }

    @Test
    void aStopWhoseWorkerIsShutDownKillsAtOnceWhenThereIsWorkToDo() {
        Executor shutDown = step -> {
            throw new RejectedExecutionException("shut down");
        };
        MemoryProcesses control = new MemoryProcesses(MAIN, CHILD);
        CompletableFuture<Boolean> gone = new RunTree(control, main, null)
                .stop(Signal.TERM, TIMEOUT, timer, pacer, shutDown);
        assertFalse(gone.isDone());

        timer.advance(TIMEOUT);

        assertTrue(gone.getNow(false), "ended, as killed");
        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), control.kills);
    }
}
