package dev.tend.daemon.core.jobs;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static dev.tend.daemon.core.jobs.JobHarness.untilFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the scheduler's shutdown does to the runs under way and queued, and to whoever waits on them. */
class JobSchedulerShutdownTest extends SchedulerOnHarness {

    @Test
    void aShutdownAskedTwiceIsDoneOnlyOnceItsRunsEndedAndTheirEndIsHeard() throws Exception {
        h.register(h.job("stubborn", "@every 1m", "trap '' TERM; " + untilFile("never")));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> run = h.tick().get(0);
        h.await("the run started", () -> h.store.unfinishedRuns().stream().anyMatch(r -> r.pid() > 0));
        h.trackRunning();

        CompletableFuture<Void> first = h.scheduler.shutdown();
        h.await("the stop grace to wait on the timer", () -> h.stopTimer.pending() == 1);
        CompletableFuture<Void> second = h.scheduler.shutdown();
        assertSame(first, second);

        h.stopTimer.advance(Duration.ofSeconds(2));
        second.get(JobHarness.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(run.isDone(), "the shutdown is done once its run ended");
        assertEquals(JobRun.Outcome.INTERRUPTED, run.get().outcome());
        assertTrue(h.changes.stream().anyMatch(j -> run.join().equals(j.lastRun())),
                "listeners heard the run end before the shutdown was done");
    }

    @Test
    void aRunByHandQueuedWhenTheDaemonStopsIsRefusedToItsCallerAsShuttingDown() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@daily", untilFile("go")), JobSpec.Overlap.QUEUE));
        RunRequest first = h.scheduler.run("demo", "slow");
        join(first.started());
        h.trackRunning();
        RunRequest second = h.scheduler.run("demo", "slow");
        assertTrue(second.queued());

        h.scheduler.shutdown().get(JobHarness.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> second.finished().get(JobHarness.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(SupervisorException.Kind.SHUTTING_DOWN,
                assertInstanceOf(SupervisorException.class, e.getCause()).kind());
        assertEquals(JobRun.Outcome.INTERRUPTED, join(first.finished()).outcome());
    }
}
