package dev.tend.daemon.core.jobs;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the scheduler tells its listeners and its timer when a job is paused, resumed, run by hand or queued. */
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
        // its registration was told paused=false: the resume below is heard only once the pause was
        JobHarness.await("listeners heard of the pause", () -> lastChangeOf("tick") != null && lastChangeOf("tick").paused());
        h.clock.advance(Duration.ofSeconds(90));

        h.scheduler.resume("demo", "tick");

        JobHarness.await("listeners heard of the resume", () -> !lastChangeOf("tick").paused());
        assertEquals(T0.plus(Duration.ofMinutes(2)), h.timer.requested, "the resumed job wakes the timer on its grid");
    }

    @Test
    void aJobResumedBeforeAnyOfItsTimesPassedKeepsItsNextTime() {
        h.register(h.job("tick", "@every 1m", "true"));
        h.scheduler.pause("demo", "tick");
        h.clock.advance(Duration.ofSeconds(30));

        assertEquals(T0.plus(Duration.ofMinutes(1)), h.scheduler.resume("demo", "tick").nextRun());
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

    /**
     * Waits until the listeners heard of the job's run ending with that run; events are told in order, so every
     * change before it has been heard too.
     */
    private void awaitTheEndOf(String name, JobRun run) throws InterruptedException {
        JobHarness.await("listeners heard the end of run " + run.id(), () -> h.changes.stream()
                .anyMatch(j -> j.name().equals(name) && run.equals(j.lastRun())));
    }

    @Test
    void aScheduledRunQueuedBehindTheRunningOneIsToldToTheListeners() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@every 1m", JobHarness.untilFile("go")), JobSpec.Overlap.QUEUE));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> first = h.tick().get(0);
        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty(), "the second run waits for the first");
        assertTrue(h.snapshot("slow").queued());

        h.release("go");
        join(first);
        JobHarness.await("the queued run ran", () -> h.scheduler.history("demo", "slow", 10).stream()
                .anyMatch(r -> r.outcome() == JobRun.Outcome.SUCCEEDED && T0.plus(Duration.ofMinutes(2)).equals(r.scheduledFor())));
        JobRun queuedRun = h.scheduler.history("demo", "slow", 10).stream()
                .filter(r -> T0.plus(Duration.ofMinutes(2)).equals(r.scheduledFor())).findFirst().orElseThrow();
        awaitTheEndOf("slow", queuedRun);

        assertTrue(h.changes.stream().anyMatch(JobSnapshot::queued), "listeners heard of the queued run: queued in " + h.changes.stream().map(JobSnapshot::queued).toList());
    }

    @Test
    void aRunByHandQueuedBehindTheRunningOneIsToldToTheListeners() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@daily", JobHarness.untilFile("go")), JobSpec.Overlap.QUEUE));
        RunRequest first = h.scheduler.run("demo", "slow");
        join(first.started());
        h.trackRunning();

        RunRequest second = h.scheduler.run("demo", "slow");
        assertTrue(second.queued());

        h.release("go");
        join(first.finished());
        JobRun queuedRun = join(second.finished());
        awaitTheEndOf("slow", queuedRun);
        assertTrue(h.changes.stream().anyMatch(JobSnapshot::queued), "listeners heard of the queued run: queued in " + h.changes.stream().map(JobSnapshot::queued).toList());
    }

    @Test
    void aRunWithATimeoutWakesTheTimerAtItsDeadline() throws Exception {
        h.register(JobHarness.withTimeout(h.job("bounded", "@daily", JobHarness.untilFile("go")), Duration.ofMinutes(5)));
        h.scheduler.start();
        assertEquals(Instant.parse("2026-05-02T00:00:00Z"), h.timer.requested, "the next midnight");

        RunRequest run = h.scheduler.run("demo", "bounded");
        join(run.started());
        h.trackRunning();

        assertEquals(T0.plus(Duration.ofMinutes(5)), h.timer.requested, "the run's deadline, before the next midnight");
        h.release("go");
        join(run.finished());
    }
}
