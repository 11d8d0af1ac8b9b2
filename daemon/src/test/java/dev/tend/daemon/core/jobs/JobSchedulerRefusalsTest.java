package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static dev.tend.daemon.core.jobs.JobHarness.untilFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the scheduler refuses or cannot do, and what it says then: each names the job and loses nothing. */
class JobSchedulerRefusalsTest extends SchedulerOnHarness {


    private static SupervisorException.Kind kindOf(Runnable call) {
        return assertThrows(SupervisorException.class, call::run).kind();
    }

    @Test
    void anUnknownJobIsNotFoundNamingTheJobsTheProjectHas() {
        h.register(h.job("a", "@hourly", "true"), h.job("b", "@hourly", "true"));
        SupervisorException e = assertThrows(SupervisorException.class, () -> h.scheduler.snapshot("demo", "nope"));
        assertEquals(SupervisorException.Kind.NOT_FOUND, e.kind());
        assertEquals("project 'demo' has no job named 'nope' (it has: a, b)", e.getMessage());
        SupervisorException none = assertThrows(SupervisorException.class, () -> h.scheduler.snapshot("other", "a"));
        assertEquals("project 'other' has no job named 'a' (it has none)", none.getMessage());
        assertEquals(SupervisorException.Kind.NOT_FOUND, kindOf(() -> h.scheduler.resume("demo", "nope")));
        assertEquals(SupervisorException.Kind.NOT_FOUND, kindOf(() -> h.scheduler.runLog("demo", "nope", null)));
    }

    @Test
    void theAdhocProjectNameIsReservedForJobsAddedOneByOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.scheduler.register(JobScheduler.ADHOC, JobHarness.ENV, List.of(h.job("a", "@hourly", "true"))));
        assertTrue(e.getMessage().contains("'adhoc' is reserved"), e.getMessage());
        assertTrue(h.scheduler.list(null).isEmpty());
        SupervisorException unknown = assertThrows(SupervisorException.class, () -> h.scheduler.remove("nope"));
        assertEquals(SupervisorException.Kind.NOT_FOUND, unknown.kind());
        assertEquals("no ad-hoc job named 'nope'", unknown.getMessage());
    }

    @Test
    void aHistoryOfNoRunsIsRefusedAndOfOneRunIsTheNewest() throws Exception {
        h.register(h.job("quick", "@every 1m", "true"));
        for (int i = 0; i < 2; i++) {
            h.clock.advance(Duration.ofMinutes(1));
            join(h.tick().get(0));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.scheduler.history("demo", "quick", 0));
        assertEquals("history limit must be positive, got 0", e.getMessage());
        List<JobRun> one = h.scheduler.history("demo", "quick", 1);
        assertEquals(1, one.size());
        assertEquals(T0.plus(Duration.ofMinutes(2)), one.get(0).scheduledFor());
    }

    @Test
    void theLogOfAJobThatNeverRanOrOfASkippedRunOrOfAnotherJobsRunIsNotFoundSayingWhy() throws Exception {
        h.register(h.job("slow", "@every 1m", untilFile("go")), h.job("other", "@daily", "true"));
        SupervisorException never = assertThrows(SupervisorException.class, () -> h.scheduler.runLog("demo", "slow", null));
        assertEquals("job demo/slow has not run yet", never.getMessage());

        h.clock.advance(Duration.ofMinutes(1));
        var first = h.tick().get(0);
        h.trackRunning();
        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty(), "overlap: skip");
        JobRun skipped = h.store.runs("demo", "slow", 10).stream().filter(r -> r.outcome() == Outcome.SKIPPED)
                .findFirst().orElseThrow();
        SupervisorException noLog = assertThrows(SupervisorException.class,
                () -> h.scheduler.runLog("demo", "slow", skipped.id()));
        assertTrue(noLog.getMessage().startsWith("run " + skipped.id() + " of job demo/slow was skipped (")
                && noLog.getMessage().endsWith("): it has no log"), noLog.getMessage());

        JobRun running = h.store.unfinishedRuns().get(0);
        assertEquals(running.id(), h.scheduler.runLog("demo", "slow", null).run().id(), "a running run's log is read");
        SupervisorException elsewhere = assertThrows(SupervisorException.class,
                () -> h.scheduler.runLog("demo", "other", running.id()));
        assertTrue(elsewhere.getMessage().startsWith("job demo/other has no run " + running.id()), elsewhere.getMessage());
        h.release("go");
        join(first);
    }

    @Test
    void aResumeThatCannotBeSavedSaysSo() {
        h.register(h.job("tick", "@every 1m", "true"));
        h.scheduler.pause("demo", "tick");
        h.db.close(); // every write fails from now on
        SupervisorException e = assertThrows(SupervisorException.class, () -> h.scheduler.resume("demo", "tick"));
        assertEquals(SupervisorException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("could not resume job demo/tick"), e.getMessage());
        assertTrue(h.snapshot("tick").paused(), "nothing changed");
        h.scheduler.shutdown();
        h = new JobHarness(dir, T0);
    }

    @Test
    void aRunWhoseDirectoryIsGoneFailsSayingWhyInItsHistoryAndItsLog() throws Exception {
        JobSpec lost = new JobSpec("lost", "@daily", "true", dir.resolve("no-such-dir"), Map.of(), ZoneOffset.UTC,
                JobSpec.Overlap.SKIP);
        h.register(lost);
        JobRun run = join(h.scheduler.run("demo", "lost").finished());
        assertEquals(Outcome.FAILED, run.outcome());
        assertTrue(run.reason().startsWith("could not start: working directory "), "in words: " + run.reason());
        assertEquals(run, h.scheduler.history("demo", "lost", 1).get(0));
        assertEquals(run, h.snapshot("lost").lastRun());
        assertEquals(0, h.snapshot("lost").running(), "the job is free to run again");
        String log = Files.readString(h.scheduler.runLog("demo", "lost", run.id()).file());
        assertTrue(log.contains("tend: could not start: "), log);
        assertTrue(h.db.liveChildren().isEmpty(), "nothing is left on record");
    }

    @Test
    void aRunSeesItsInstanceAndItsJobsEnvironmentOverTheProjects() throws Exception {
        JobSpec env = new JobSpec("env", "@daily", "echo \"$TEND_INSTANCE $GREETING\" > env.out", dir,
                Map.of("GREETING", "from-the-job"), ZoneOffset.UTC, JobSpec.Overlap.SKIP);
        h.scheduler.register("demo", Map.of("PATH", "/usr/bin:/bin", "GREETING", "from-the-project"), List.of(env));
        assertEquals(Outcome.SUCCEEDED, join(h.scheduler.run("demo", "env").finished()).outcome());
        assertEquals("test from-the-job", Files.readString(dir.resolve("env.out")).trim());
    }

    @Test
    void aManualRunRefusedByOverlapSkipNamesTheRunUnderWay() throws Exception {
        RunRequest first = h.runUntilReleased("slow");
        JobRun started = join(first.started());
        SupervisorException e = assertThrows(SupervisorException.class, () -> h.scheduler.run("demo", "slow"));
        assertTrue(e.getMessage().startsWith("job demo/slow is already running (run " + started.id()
                + ") and its overlap policy is skip"), e.getMessage());
        h.release("go");
        join(first.finished());
    }

    @Test
    void registeringTheSameJobsAgainOrFromAnotherShellChangesNothingAndANewSettingChangesThem() {
        JobSpec a = h.job("a", "@hourly", "true");
        assertEquals(new JobChanges(List.of("a"), List.of(), List.of()), h.scheduler.register("demo", JobHarness.ENV,
                List.of(a)));
        assertEquals(JobChanges.NONE, h.scheduler.register("demo", JobHarness.ENV, List.of(a)));
        assertEquals(JobChanges.NONE, h.scheduler.register("demo", Map.of("PATH", "/bin"), List.of(a)),
                "the registering shell's environment is taken by the next run, as a service takes it at its next "
                        + "start: no change of the job");
        assertEquals(new JobChanges(List.of(), List.of("a"), List.of()),
                h.scheduler.register("demo", Map.of("PATH", "/bin"), List.of(JobHarness.with(a, JobSpec.Overlap.QUEUE))));
        Instant next = h.snapshot("a").nextRun();
        h.clock.advance(Duration.ofMinutes(10));
        JobSpec berlin = new JobSpec("a", "@hourly", "true", dir, Map.of(), java.time.ZoneId.of("Asia/Kolkata"),
                JobSpec.Overlap.QUEUE);
        h.scheduler.register("demo", Map.of("PATH", "/bin"), List.of(berlin));
        assertEquals(Instant.parse("2026-05-01T10:30:00Z"), h.snapshot("a").nextRun(),
                "a new timezone retimes the schedule from now: the next hour in Kolkata (+05:30), not " + next);
        h.scheduler.unregister("demo");
        assertTrue(h.scheduler.list("demo").isEmpty());
        assertEquals("project 'demo' has no job named 'a' (it has none)",
                assertThrows(SupervisorException.class, () -> h.scheduler.snapshot("demo", "a")).getMessage(),
                "a project without jobs is gone, not an empty list");
    }

    @Test
    void theTimerIsAskedNothingBeforeStartAndADayAheadWithoutJobs() {
        h.register(h.job("a", "@every 1m", "true"));
        assertNull(h.timer.requested, "not armed yet");
        h.scheduler.unregister("demo");
        h.scheduler.start();
        assertEquals(T0.plus(Duration.ofDays(1)), h.timer.requested);
    }
}
