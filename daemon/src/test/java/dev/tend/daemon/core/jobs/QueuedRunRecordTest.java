package dev.tend.daemon.core.jobs;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static dev.tend.daemon.core.jobs.JobHarness.untilFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import dev.tend.daemon.core.jobs.JobRun.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A queued run (overlap: queue) lives in memory until it starts: what a daemon killed meanwhile leaves of it. The
 * next daemon is a second scheduler on the same store, opened without the first one's shutdown, as after kill -9.
 */
class QueuedRunRecordTest extends SchedulerOnHarness {

    @Test
    void aRunQueuedWhenTheDaemonDiedIsRecordedAsSkippedByTheNextDaemon() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@every 1m", untilFile("go")), JobSpec.Overlap.QUEUE));
        h.clock.advance(Duration.ofMinutes(1));
        h.tick();
        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty());
        assertTrue(h.snapshot("slow").queued());

        try (JobHarness next = new JobHarness(dir, h.clock)) {
            assertEquals(1, next.scheduler.recoverInterruptedRuns());
            assertEquals(1, next.scheduler.recoverQueuedRuns());
            List<JobRun> history = next.store.runs("demo", "slow", 10);
            assertEquals(List.of(Outcome.INTERRUPTED, Outcome.SKIPPED), history.stream().map(JobRun::outcome).toList(),
                    history.toString());
            JobRun skipped = history.get(1);
            assertEquals(Trigger.SCHEDULE, skipped.trigger());
            assertEquals(T0.plus(Duration.ofMinutes(2)), skipped.scheduledFor());
            assertNull(skipped.startedAt());
            assertEquals("the daemon stopped while it was queued", skipped.reason());
            assertEquals(0, next.scheduler.recoverQueuedRuns(), "recorded once");
        }
    }

    @Test
    void aQueuedRunThatStartedLeavesNothingForTheNextDaemonToRecord() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@daily", untilFile("go")), JobSpec.Overlap.QUEUE));
        RunRequest first = h.scheduler.run("demo", "slow");
        join(first.started());
        h.trackRunning();
        RunRequest second = h.scheduler.run("demo", "slow");
        assertTrue(second.queued());
        h.release("go");
        assertEquals(Outcome.SUCCEEDED, join(second.finished()).outcome());

        try (JobHarness next = new JobHarness(dir, h.clock)) {
            assertEquals(0, next.scheduler.recoverQueuedRuns());
            assertEquals(List.of(Outcome.SUCCEEDED, Outcome.SUCCEEDED),
                    next.store.runs("demo", "slow", 10).stream().map(JobRun::outcome).toList());
        }
    }

    @Test
    void aQueuedRunDroppedByACleanShutdownIsRecordedOnceNotAgainByTheNextDaemon() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@daily", untilFile("go")), JobSpec.Overlap.QUEUE));
        join(h.scheduler.run("demo", "slow").started());
        h.trackRunning();
        CompletableFuture<JobRun> queued = h.scheduler.run("demo", "slow").finished();
        h.close();
        assertTrue(queued.isCompletedExceptionally());

        h = new JobHarness(dir, h.clock);
        assertEquals(0, h.scheduler.recoverQueuedRuns());
        List<JobRun> history = h.store.runs("demo", "slow", 10);
        assertEquals(List.of(Outcome.INTERRUPTED, Outcome.SKIPPED), history.stream().map(JobRun::outcome).toList());
        assertEquals("the daemon stopped while it was queued", history.get(1).reason());
    }
}
