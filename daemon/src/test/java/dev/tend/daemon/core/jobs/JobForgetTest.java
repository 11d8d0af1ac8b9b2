package dev.tend.daemon.core.jobs;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static dev.tend.daemon.core.jobs.JobHarness.untilFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A job taken out of its project leaves nothing of its schedule behind: added again, it starts afresh. */
class JobForgetTest extends SchedulerOnHarness {

    @Test
    void aJobRemovedFromItsProjectForgetsItsPauseSoAddedAgainItRunsOnSchedule() throws Exception {
        h.register(h.job("tick", "@every 1m", "true"), h.job("other", "@hourly", "true"));
        h.scheduler.pause("demo", "tick");
        assertTrue(h.store.pausedSince("demo", "tick").isPresent(), "the pause is on record");

        h.register(h.job("other", "@hourly", "true"));
        JobHarness.await("the removed job's record is gone", () -> !h.store.pausedSince("demo", "tick").isPresent());

        h.register(h.job("tick", "@every 1m", "true"), h.job("other", "@hourly", "true"));
        assertFalse(h.snapshot("tick").paused(), "a new job of the same name is not paused");
    }

    @Test
    void aJobRemovedWhileItRunsIsReportedByNameAndNotToldOfAgainWhenItsRunEnds() throws Exception {
        RunRequest run = h.runUntilReleased("slow");
        JobSpec other = h.job("other", "@hourly", "true");

        assertEquals(new JobChanges(List.of("other"), List.of(), List.of("slow")),
                h.scheduler.register("demo", JobHarness.ENV, List.of(other)));
        JobHarness.await("listeners heard of the removal", () -> h.removed.contains("demo/slow"));
        h.changes.clear(); // events are told in order: whatever came before the removal has been heard

        h.release("go");
        assertEquals(JobRun.Outcome.SUCCEEDED, join(run.finished()).outcome(), "the run under way ends on its own");
        h.register(other, h.job("marker", "@hourly", "true"));
        JobHarness.await("listeners heard of the job added after the run ended",
                () -> h.changes.stream().anyMatch(j -> j.name().equals("marker")));
        assertEquals(List.of(), h.changes.stream().filter(j -> j.name().equals("slow")).toList(),
                "a removed job is not told of as changed");
    }

    @Test
    void theQueuedRunOfARemovedJobIsRecordedAsSkippedAndItsCallerHearsTheJobWasRemoved() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@daily", untilFile("go")), JobSpec.Overlap.QUEUE),
                h.job("other", "@hourly", "true"));
        RunRequest first = h.scheduler.run("demo", "slow");
        join(first.started());
        h.trackRunning();
        RunRequest second = h.scheduler.run("demo", "slow");
        assertTrue(second.queued());

        h.register(h.job("other", "@hourly", "true"));

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> second.finished().get(JobHarness.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        SupervisorException why = assertInstanceOf(SupervisorException.class, e.getCause());
        assertEquals(SupervisorException.Kind.NOT_FOUND, why.kind());
        assertEquals("job demo/slow was removed before its queued run started", why.getMessage());
        JobHarness.await("the queued run is on record as skipped", () -> h.store.runs("demo", "slow", 10).stream()
                .anyMatch(r -> r.outcome() == JobRun.Outcome.SKIPPED
                        && "the job was removed before its queued run started".equals(r.reason())));
        h.release("go");
        assertEquals(JobRun.Outcome.SUCCEEDED, join(first.finished()).outcome());
    }
}
