package dev.tend.daemon.core.process;

import dev.tend.daemon.core.time.VirtualTimer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stop that runs out of time kills the main process before the rest of its tree: a shell whose child died
 * first could end on its own (a bare `wait` returns 0) and the run would read "exited 0", not killed.
 * Pure: a process table in memory, no signal sent to anything.
 */
class RunTreeKillOrderTest {
    private static final long MAIN = 4242;
    private static final long CHILD = 4243;

    /** Processes 4242 (main) and 4243 (its child), which ignore every signal but SIGKILL. */
    private final MemoryProcesses control = new MemoryProcesses(MAIN, CHILD);
    private final List<Set<Long>> kills = control.kills;
    private final ChildProcess main = MemoryProcesses.main(MAIN, new CompletableFuture<>());

    @Test
    void aStopPastItsTimeoutKillsTheMainProcessBeforeItsChildren() throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            VirtualTimer timer = new VirtualTimer();
            CompletableFuture<Boolean> gone = new RunTree(control, main, null)
                    .stop(Signal.TERM, Duration.ofSeconds(10), timer, pacer, Runnable::run);
            timer.advance(Duration.ofSeconds(9));
            assertEquals(List.of(), kills, "no SIGKILL before the stop timeout elapsed");

            timer.advance(Duration.ofSeconds(1));

            assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), kills);
            assertTrue(gone.get(10, TimeUnit.SECONDS), "the tree took SIGKILL");
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void aTreeThatGoesOnTheSignalIsNeverKilledAndLeavesNoTimeoutPending() throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            VirtualTimer timer = new VirtualTimer();
            MemoryProcesses obliging = new MemoryProcesses(MAIN, CHILD) {
                @Override public void signalGroup(long pgid, Signal signal) { alive.clear(); }
            };
            CompletableFuture<Boolean> gone = new RunTree(obliging, main, null)
                    .stop(Signal.TERM, Duration.ofSeconds(10), timer, pacer, Runnable::run);

            assertFalse(gone.get(10, TimeUnit.SECONDS), "gone without SIGKILL");
            assertEquals(0, timer.pending(), "the stop timeout was cancelled");
            assertEquals(List.of(), obliging.kills);
        } finally {
            pacer.shutdownNow();
        }
    }

    @Test
    void killKillsTheMainProcessBeforeItsChildren() {
        new RunTree(control, main, null).kill();
        assertEquals(List.of(Set.of(MAIN), Set.of(CHILD)), kills);
    }
}
