package dev.tend.daemon.core.jobs;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.SupervisorException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the scheduler tells its listeners and its timer when a job is paused, resumed or run by hand. */
class JobSchedulerNoticesTest extends SchedulerOnHarness {

    private JobSnapshot lastChangeOf(String name) {
        List<JobSnapshot> of = h.changes.stream().filter(j -> j.name().equals(name)).toList();
        return of.isEmpty() ? null : of.get(of.size() - 1);
    }

    @Test
    void pausingAJobTellsTheListenersAndWakesTheTimerForTheOthersOnly() throws Exception {
        h.register(h.job("tick", "@every 1m", "true"), h.job("slow", "@every 10m", "true"));
        h.scheduler.start();
        assertEquals(T0.plus(Duration.ofMinutes(1)), h.timer.requested);

        h.scheduler.pause("demo", "tick");

        JobHarness.await("listeners heard of the pause", () -> lastChangeOf("tick") != null && lastChangeOf("tick").paused());
        assertEquals(T0.plus(Duration.ofMinutes(10)), h.timer.requested, "the paused job no longer wakes the timer");
    }

    @Test
    void resumingAJobTellsTheListenersAndPutsItBackOnTheTimer() throws Exception {
        h.register(h.job("tick", "@every 1m", "true"), h.job("slow", "@every 10m", "true"));
        h.scheduler.start();
        h.scheduler.pause("demo", "tick");
        h.clock.advance(Duration.ofSeconds(90));

        h.scheduler.resume("demo", "tick");

        JobHarness.await("listeners heard of the resume", () -> !lastChangeOf("tick").paused());
        assertEquals(T0.plus(Duration.ofMinutes(2)), h.timer.requested, "the resumed job wakes the timer on its grid");
    }

    @Test
    void aRunByHandTellsTheListenersThatTheJobRuns() throws Exception {
        h.register(h.job("once", "@daily", "true"));
        h.changes.clear();

        JobRun run = join(h.scheduler.run("demo", "once").finished());

        assertEquals(JobRun.Outcome.SUCCEEDED, run.outcome());
        JobHarness.await("listeners saw it running, then done", () -> h.changes.stream().anyMatch(j -> j.running() > 0)
                && lastChangeOf("once").running() == 0);
    }

    @Test
    void anAdHocJobIsRefusedOnceTheSchedulerShutsDown() throws Exception {
        h.scheduler.shutdown().get();

        SupervisorException e = assertThrows(SupervisorException.class,
                () -> h.scheduler.add(h.job("late", "@hourly", "true")));
        assertTrue(e.getMessage().contains("shutting down") || e.getMessage().contains("shut down"), e.getMessage());
        h = new JobHarness(dir, T0);
    }
}
