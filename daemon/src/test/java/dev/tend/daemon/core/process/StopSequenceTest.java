package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.time.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pure: a process table in memory, and a pacer whose polls never come, so only the main process's exit can end a stop. */
class StopSequenceTest {
    private static final long MAIN = 4242;
    private static final long CHILD = 4243;

    private final MemoryProcesses control = new MemoryProcesses(MAIN);
    private final Map<Long, Instant> alive = control.alive;
    private final List<Set<Long>> kills = control.kills;
    private final AtomicInteger looks = control.looks;
    private final CompletableFuture<ExitStatus> mainExit = new CompletableFuture<>();
    private final ChildProcess main = MemoryProcesses.main(MAIN, mainExit);

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

    /** Fifty stops begun together each waited for a look of their own, one after the other, before any poll. */
    @Test
    void aStopTakesNoLookOfItsOwnRightAfterTheSignal() throws Exception {
        SilentPacer pacer = new SilentPacer();
        try {
            new RunTree(control, main, null)
                    .stop(Signal.TERM, Duration.ofSeconds(10), new VirtualTimer(), pacer, Runnable::run);

            assertEquals(1, looks.get(), "the signal's own look, and none after it until the first poll");
            assertEquals(1, pacer.getQueue().size(), "the first poll is scheduled");
        } finally {
            pacer.shutdownNow();
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

        VirtualTimer timer = new VirtualTimer();
        SilentPacer pacer = new SilentPacer();
        try {
            CompletableFuture<Boolean> gone = tree.mainExitedKillLeftovers(timer, pacer, Runnable::run);

            assertEquals(List.of(Set.of(CHILD)), kills);
            assertEquals(1, looks.get(), "one look at the process table");
            assertFalse(gone.isDone(), "a look after the kill says whether anything is left");
            timer.advance(RunTree.KILL_GRACE);
            assertTrue(gone.getNow(false), "given up after SIGKILL's grace");
        } finally {
            pacer.shutdownNow();
        }
    }
}
