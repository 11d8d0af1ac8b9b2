package dev.tend.daemon.core.jobs;

import dev.tend.daemon.testing.MutableClock;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import dev.tend.daemon.core.jobs.JobRun.Trigger;
import dev.tend.daemon.core.logs.LogBudget;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static dev.tend.daemon.core.jobs.JobHarness.untilFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSchedulerTest extends SchedulerOnHarness {


    @Test
    void scheduledRunIsRecordedWithItsOutputInALogOfItsOwn() throws Exception {
        h.register(h.job("report", "@every 1m", "echo \"hello from $TEND_PROJECT/$TEND_JOB run $TEND_RUN_ID\"; "
                + "echo oops >&2; exit 3"));
        assertTrue(h.tick().isEmpty(), "nothing is due at registration");
        assertEquals(T0.plusSeconds(60), h.snapshot("report").nextRun());

        h.clock.advance(Duration.ofSeconds(60));
        List<CompletableFuture<JobRun>> started = h.tick();
        assertEquals(1, started.size());
        JobRun run = join(started.get(0));

        assertEquals(Outcome.FAILED, run.outcome());
        assertEquals(3, run.exitCode());
        assertNull(run.signal());
        assertEquals(Trigger.SCHEDULE, run.trigger());
        assertEquals(T0.plusSeconds(60), run.scheduledFor());
        assertEquals(T0.plusSeconds(60), run.startedAt());
        assertEquals(T0.plusSeconds(60), run.endedAt());
        assertTrue(run.pid() > 0);
        assertEquals(List.of(run), h.scheduler.history("demo", "report", 10));
        assertEquals(run, h.snapshot("report").lastRun());
        assertEquals(T0.plusSeconds(120), h.snapshot("report").nextRun());

        RunLog runLog = h.scheduler.runLog("demo", "report", null);
        assertEquals(dir.resolve("logs/demo/jobs/report/" + run.id() + ".log"), runLog.file());
        List<String> lines = LogReader.readTail(runLog.file(), 0, null, null, LogBudget.forJob("demo", "report")).lines().stream().map(LogLine::text).toList();
        assertTrue(lines.contains("hello from demo/report run " + run.id()), lines.toString());
        assertTrue(lines.contains("oops"), lines.toString());
    }

    @Test
    void timerIsAskedToWakeAtTheNextDueTime() {
        h.register(h.job("a", "@every 10m", "true"), h.job("b", "*/5 * * * *", "true"));
        h.scheduler.start();
        assertEquals(Instant.parse("2026-05-01T10:05:00Z"), h.timer.requested);
    }

    @Test
    void aScheduleThatCameDueSeveralTimesWhileAsleepRunsOnceForTheNewestTime() throws Exception {
        h.register(h.job("tick", "@every 1m", "true"), h.job("cron", "*/2 * * * *", "true"));
        h.clock.advance(Duration.ofMinutes(10).plusSeconds(30));
        List<CompletableFuture<JobRun>> started = h.tick();
        assertEquals(2, started.size());
        for (CompletableFuture<JobRun> f : started) {
            JobRun run = join(f);
            assertEquals(T0.plus(Duration.ofMinutes(10)), run.scheduledFor(), run.job() + ": the newest missed time, as catch-up");
            assertEquals(Trigger.SCHEDULE, run.trigger());
        }
        assertEquals(T0.plus(Duration.ofMinutes(11)), h.snapshot("tick").nextRun());
        assertEquals(T0.plus(Duration.ofMinutes(12)), h.snapshot("cron").nextRun());
    }

    @Test
    void fixedTimeJobRunsOnceWhenTheDaemonRestartsInsideTheRepeatedHour() throws Exception {
        h.close();
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        h = new JobHarness(dir, Instant.parse("2027-11-07T05:29:30Z")); // 01:29:30 EDT
        JobSpec nightly = new JobSpec("nightly", "30 1 * * *", "true", dir, java.util.Map.of(), newYork,
                JobSpec.Overlap.SKIP, null, true);
        h.register(nightly);
        h.clock.set(Instant.parse("2027-11-07T05:30:00Z"));
        assertEquals(Instant.parse("2027-11-07T05:30:00Z"), join(h.tick().get(0)).scheduledFor());
        h.close();

        // Restarted at 01:29:30 EST: 01:30 comes round again on the wall clock, but it has run today.
        h = new JobHarness(dir, Instant.parse("2027-11-07T06:29:30Z"));
        h.register(nightly);
        assertTrue(h.tick().isEmpty(), "no catch-up: nothing was missed");
        assertEquals(Instant.parse("2027-11-08T06:30:00Z"), h.snapshot("nightly").nextRun());
        h.clock.set(Instant.parse("2027-11-07T06:30:00Z"));
        assertTrue(h.tick().isEmpty());
        assertEquals(1, h.scheduler.history("demo", "nightly", 10).size());
    }

    @Test
    void aQueuedRunDroppedAtShutdownIsRecordedAsSkippedWithTheReason() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@every 1m", "trap 'exit 0' TERM; " + untilFile("never")),
                JobSpec.Overlap.QUEUE));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> first = h.tick().get(0);
        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty());
        assertTrue(h.snapshot("slow").queued());
        h.await("the run started", () -> h.store.unfinishedRuns().stream().anyMatch(r -> r.pid() > 0));
        h.trackRunning();
        h.scheduler.shutdown().get(JobHarness.DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(Outcome.INTERRUPTED, join(first).outcome());

        List<JobRun> history = h.store.runs("demo", "slow", 10);
        assertEquals(2, history.size(), history.toString());
        JobRun dropped = history.stream().filter(r -> r.outcome() == Outcome.SKIPPED).findFirst().orElseThrow();
        assertEquals(T0.plus(Duration.ofMinutes(2)), dropped.scheduledFor());
        assertNull(dropped.startedAt());
        assertTrue(dropped.reason().contains("daemon stopped"), dropped.reason());
    }

    @Test
    void overlapSkipRecordsASkippedRunWhileThePreviousOneRuns() throws Exception {
        h.register(h.job("slow", "@every 1m", untilFile("go")));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> first = h.tick().get(0);
        h.await("the first run started", () -> h.snapshot("slow").running() == 1 && h.snapshot("slow").lastRun() == null);

        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty());
        h.release("go");
        assertEquals(Outcome.SUCCEEDED, join(first).outcome());

        List<JobRun> history = h.scheduler.history("demo", "slow", 10);
        JobRun skipped = history.stream().filter(r -> r.outcome() == Outcome.SKIPPED).findFirst().orElseThrow();
        assertEquals(T0.plus(Duration.ofMinutes(2)), skipped.scheduledFor());
        assertNull(skipped.startedAt());
        assertTrue(skipped.reason().contains("overlap: skip"), skipped.reason());
        assertEquals(first.get(), h.snapshot("slow").lastRun(), "a skipped run is not the last result");
    }

    @Test
    void overlapQueueRunsOneMoreAfterTheCurrentRunAndSkipsBeyondThat() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@every 1m", untilFile("go")), JobSpec.Overlap.QUEUE));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> first = h.tick().get(0);
        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty());
        assertTrue(h.snapshot("slow").queued());
        h.clock.advance(Duration.ofMinutes(1));
        assertTrue(h.tick().isEmpty());

        CompletableFuture<JobRun> queued = h.scheduler.run("demo", "slow").finished();
        h.release("go");
        assertEquals(Outcome.SUCCEEDED, join(first).outcome());
        JobRun second = join(queued);
        assertEquals(Outcome.SUCCEEDED, second.outcome());
        assertEquals(Trigger.SCHEDULE, second.trigger(), "a manual request joins the run already queued");
        assertEquals(T0.plus(Duration.ofMinutes(2)), second.scheduledFor());

        List<JobRun> history = h.scheduler.history("demo", "slow", 10);
        assertEquals(List.of(Outcome.SUCCEEDED, Outcome.SKIPPED, Outcome.SUCCEEDED),
                history.stream().map(JobRun::outcome).toList());
        assertTrue(history.get(1).reason().contains("already queued"), history.get(1).reason());
        h.await("the job is idle", () -> h.snapshot("slow").running() == 0 && !h.snapshot("slow").queued());
    }

    @Test
    void overlapAllowRunsConcurrently() throws Exception {
        h.register(JobHarness.with(h.job("slow", "@every 1m", untilFile("go")), JobSpec.Overlap.ALLOW));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> first = h.tick().get(0);
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> second = h.tick().get(0);
        assertEquals(2, h.snapshot("slow").running());
        assertEquals("running", h.snapshot("slow").state());
        h.release("go");
        assertEquals(Outcome.SUCCEEDED, join(first).outcome());
        assertEquals(Outcome.SUCCEEDED, join(second).outcome());
        h.await("the job is idle", () -> h.snapshot("slow").state().equals("idle"));
    }

    @Test
    void manualRunIsRefusedWhileRunningWithOverlapSkip() throws Exception {
        h.register(h.job("slow", "@daily", untilFile("go")));
        RunRequest request = h.scheduler.run("demo", "slow");
        assertFalse(request.queued());
        JobRun started = join(request.started());
        assertEquals(Trigger.MANUAL, started.trigger());
        assertNull(started.scheduledFor());
        h.trackRunning();

        SupervisorException e = assertThrows(SupervisorException.class, () -> h.scheduler.run("demo", "slow"));
        assertEquals(SupervisorException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("already running"), e.getMessage());

        h.release("go");
        assertEquals(Outcome.SUCCEEDED, join(request.finished()).outcome());
        SupervisorException unknown = assertThrows(SupervisorException.class, () -> h.scheduler.run("demo", "nope"));
        assertEquals(SupervisorException.Kind.NOT_FOUND, unknown.kind());
    }

    @Test
    void timeoutKillsTheWholeTreeOfTheRun() throws Exception {
        h.register(JobHarness.withTimeout(h.job("hang", "@every 1m", "sleep 300 & echo $! > child.pid; wait"),
                Duration.ofSeconds(30)));
        h.scheduler.start();
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> run = h.tick().get(0);
        Path pidFile = dir.resolve("child.pid");
        h.await("the run wrote its child's pid", () -> Files.exists(pidFile) && !readOrEmpty(pidFile).isBlank());
        long grandchild = Long.parseLong(readOrEmpty(pidFile).trim());
        assertEquals(T0.plus(Duration.ofSeconds(90)), h.timer.requested, "the timer wakes at the deadline");

        h.clock.advance(Duration.ofSeconds(29));
        h.tick();
        assertFalse(run.isDone());
        assertFalse(JobHarness.gone(grandchild));

        h.clock.advance(Duration.ofSeconds(1));
        h.tick();
        assertEquals(T0.plus(Duration.ofMinutes(2)), h.timer.requested,
                "a run being killed for its timeout no longer wakes the scheduler: the next due time does");
        JobRun ended = join(run);
        assertEquals(Outcome.TIMED_OUT, ended.outcome());
        assertEquals("SIGKILL", ended.signal());
        assertNull(ended.exitCode());
        assertTrue(ended.reason().contains("timed out after 30s"), ended.reason());
        h.await("the run's grandchild is gone", () -> JobHarness.gone(grandchild));
    }

    @Test
    void catchUpRunsAMissedScheduleOnceAfterDowntime() throws Exception {
        JobSpec nightly = JobHarness.withCatchUp(h.job("nightly", "0 3 * * *", "true"));
        JobSpec plain = h.job("plain", "0 3 * * *", "true");
        h.register(nightly, plain);
        h.close();

        // The daemon was down for three nights.
        MutableClock later = new MutableClock(Instant.parse("2026-05-04T12:00:00Z"));
        h = new JobHarness(dir, later);
        h.register(nightly, plain);
        List<CompletableFuture<JobRun>> started = h.tick();
        assertEquals(1, started.size());
        JobRun run = join(started.get(0));
        assertEquals("nightly", run.job());
        assertEquals(Trigger.CATCH_UP, run.trigger());
        assertEquals(Instant.parse("2026-05-04T03:00:00Z"), run.scheduledFor());
        assertEquals(Instant.parse("2026-05-05T03:00:00Z"), h.snapshot("nightly").nextRun());
        assertEquals(Instant.parse("2026-05-05T03:00:00Z"), h.snapshot("plain").nextRun());
        assertTrue(h.scheduler.history("demo", "plain", 10).isEmpty(), "without catch_up a missed run is not made up");
        assertTrue(h.tick().isEmpty(), "the catch-up runs once");

        // Up again the same day: nothing was missed since the catch-up.
        h.close();
        h = new JobHarness(dir, new MutableClock(Instant.parse("2026-05-04T13:00:00Z")));
        h.register(nightly, plain);
        assertTrue(h.tick().isEmpty());
    }

    /** A job of catch_up every 10 minutes, registered at T0, and a daemon that comes back 35 minutes later. */
    private JobSpec catchUpJobAfter35MinutesDown() throws Exception {
        JobSpec every = JobHarness.withCatchUp(h.job("every", "@every 10m", "true"));
        h.register(every);
        h.close();
        h = new JobHarness(dir, new MutableClock(T0.plus(Duration.ofMinutes(35))));
        return every;
    }

    @Test
    void catchUpOfAnIntervalKeepsItsPhase() throws Exception {
        JobSpec every = catchUpJobAfter35MinutesDown();
        h.register(every);
        JobRun run = join(h.tick().get(0));
        assertEquals(T0.plus(Duration.ofMinutes(30)), run.scheduledFor());
        assertEquals(T0.plus(Duration.ofMinutes(40)), h.snapshot("every").nextRun());
    }

    @Test
    void aChangedScheduleRunsFromTheChangeSoTheNextDaemonCatchesUpOnTheNewPhase() throws Exception {
        h.register(JobHarness.withCatchUp(h.job("tick", "@every 10m", "true")));
        h.clock.advance(Duration.ofMinutes(5));
        JobSpec every7 = JobHarness.withCatchUp(h.job("tick", "@every 7m", "true"));
        h.register(every7);
        assertEquals(T0.plus(Duration.ofMinutes(12)), h.snapshot("tick").nextRun());
        h.close();

        h = new JobHarness(dir, new MutableClock(T0.plus(Duration.ofMinutes(13))));
        h.register(every7);
        List<CompletableFuture<JobRun>> started = h.tick();
        assertEquals(1, started.size());
        JobRun run = join(started.get(0));
        assertEquals(Trigger.CATCH_UP, run.trigger());
        assertEquals(T0.plus(Duration.ofMinutes(12)), run.scheduledFor(),
                "7 minutes after the change, not 7 after the first registration");
    }

    @Test
    void aCatchUpIsStillOwedByTheNextDaemonWhenThisOneStoppedBeforeRunningIt() throws Exception {
        JobSpec every = catchUpJobAfter35MinutesDown();
        h.register(every);
        h.close(); // stopped before its schedule ran: the 10:30 run is still owed

        h = new JobHarness(dir, new MutableClock(T0.plus(Duration.ofMinutes(36))));
        h.register(every);
        List<CompletableFuture<JobRun>> started = h.tick();
        assertEquals(1, started.size(), "the catch-up survives a daemon that never ran it");
        JobRun run = join(started.get(0));
        assertEquals(Trigger.CATCH_UP, run.trigger());
        assertEquals(T0.plus(Duration.ofMinutes(30)), run.scheduledFor());
    }

    @Test
    void aCatchUpOwedByAJobRegisteredWhileTheSchedulerRunsIsDueAtOnce() throws Exception {
        JobSpec every = catchUpJobAfter35MinutesDown();
        h.scheduler.start();
        h.register(every);
        assertEquals(T0.plus(Duration.ofMinutes(35)), h.timer.requested, "the catch-up is owed now, not at 10:40");
    }

    @Test
    void invalidScheduleIsRejectedAndNothingChanges() {
        h.register(h.job("a", "@hourly", "true"));
        Instant next = h.snapshot("a").nextRun();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.register(h.job("a", "@every 5m", "true"), h.job("b", "0 25 * * *", "true")));
        assertTrue(e.getMessage().startsWith("job 'b': bad cron schedule '0 25 * * *'"), e.getMessage());
        assertEquals(List.of("a"), h.scheduler.list("demo").stream().map(JobSnapshot::name).toList());
        assertEquals("@hourly", h.snapshot("a").spec().schedule());
        assertEquals(next, h.snapshot("a").nextRun());
    }

    @Test
    void reregisteringAppliesTheDifference() throws Exception {
        h.register(h.job("keep", "@hourly", "true"), h.job("change", "@hourly", "true"), h.job("drop", "@hourly", "true"));
        Instant keepNext = h.snapshot("keep").nextRun();
        h.clock.advance(Duration.ofMinutes(20));
        h.register(h.job("keep", "@hourly", "true"), h.job("change", "@every 5m", "true"), h.job("add", "@daily", "true"));

        assertEquals(List.of("keep", "change", "add"), h.scheduler.list("demo").stream().map(JobSnapshot::name).toList());
        assertEquals(keepNext, h.snapshot("keep").nextRun());
        assertEquals(T0.plus(Duration.ofMinutes(25)), h.snapshot("change").nextRun());
        h.await("listeners heard of the removal", () -> h.removed.equals(List.of("demo/drop")));
        assertThrows(SupervisorException.class, () -> h.scheduler.history("demo", "drop", 1));
    }

    @Test
    void aPausedJobDoesNotRunOnScheduleStaysPausedAcrossRestartsAndResumesWithoutMakingUpTimes() throws Exception {
        JobSpec tick = JobHarness.withCatchUp(h.job("tick", "@every 1m", "true"));
        h.register(tick);
        JobSnapshot paused = h.scheduler.pause("demo", "tick");
        assertTrue(paused.paused());
        assertEquals("paused", paused.state());
        assertNull(paused.nextRun());
        h.clock.advance(Duration.ofMinutes(5));
        assertTrue(h.tick().isEmpty(), "a paused job does not run on schedule");
        assertEquals(Outcome.SUCCEEDED, join(h.scheduler.run("demo", "tick").finished()).outcome(),
                "a manual run still runs");
        h.close();

        h = new JobHarness(dir, T0.plus(Duration.ofMinutes(30)));
        h.register(tick);
        assertTrue(h.snapshot("tick").paused(), "the pause outlives the daemon");
        assertTrue(h.tick().isEmpty(), "no catch-up for a paused job");

        JobSnapshot resumed = h.scheduler.resume("demo", "tick");
        assertFalse(resumed.paused());
        assertEquals("idle", resumed.state());
        assertEquals(T0.plus(Duration.ofMinutes(31)), resumed.nextRun(), "on its grid, from now on");
        assertTrue(h.tick().isEmpty(), "the times missed while paused are not run");
        h.close();
        h = new JobHarness(dir, T0.plus(Duration.ofMinutes(30).plusSeconds(30)));
        h.register(tick);
        assertFalse(h.snapshot("tick").paused());
        assertTrue(h.tick().isEmpty(), "nor caught up by the next daemon");
        assertThrows(SupervisorException.class, () -> h.scheduler.pause("demo", "nope"));
    }

    @Test
    void aPauseThatCannotBeSavedChangesNothingAndSaysWhy() {
        h.register(h.job("tick", "@every 1m", "true"));
        Instant next = h.snapshot("tick").nextRun();
        h.db.close(); // the store refuses every write from now on, as a full or broken disk would
        SupervisorException e = assertThrows(SupervisorException.class, () -> h.scheduler.pause("demo", "tick"));
        assertEquals(SupervisorException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("could not pause job demo/tick: its state cannot be saved")
                && e.getMessage().endsWith("nothing changed"), e.getMessage());
        assertFalse(h.snapshot("tick").paused());
        assertEquals(next, h.snapshot("tick").nextRun());
        h.scheduler.shutdown(); // nothing ran; tearDown gets a harness with an open store
        h = new JobHarness(dir, T0);
    }

    @Test
    void adhocJobsArePersistedAndComeBackWithTheNextScheduler() throws Exception {
        JobSpec backup = h.job("backup", "@every 1h", "true");
        JobSnapshot added = h.scheduler.add(backup);
        assertEquals(JobScheduler.ADHOC, added.project());
        SupervisorException twice = assertThrows(SupervisorException.class, () -> h.scheduler.add(backup));
        assertEquals(SupervisorException.Kind.CONFLICT, twice.kind());
        assertThrows(IllegalArgumentException.class, () -> h.scheduler.add(h.job("bad", "@sometimes", "true")));
        h.close();

        h = new JobHarness(dir, T0.plus(Duration.ofMinutes(1)));
        h.scheduler.restoreAdhoc();
        assertEquals(List.of(backup), h.scheduler.list(JobScheduler.ADHOC).stream().map(JobSnapshot::spec).toList());
        assertEquals(T0.plus(Duration.ofHours(1)), h.scheduler.snapshot(JobScheduler.ADHOC, "backup").nextRun(),
                "the anchor of the first registration is kept");
        h.scheduler.remove("backup");
        assertTrue(h.scheduler.list(null).isEmpty());
        assertTrue(h.store.adhocJobs().isEmpty());
    }

    @Test
    void runsLeftRunningByACrashedDaemonAreRecordedAsInterrupted() throws Exception {
        JobRun orphan = h.store.insertRun(new JobRun(0, "demo", "x", Trigger.SCHEDULE, T0, T0, null, null, null,
                Outcome.RUNNING, 12345, null));
        assertEquals(1, h.scheduler.recoverInterruptedRuns());
        JobRun recorded = h.store.run(orphan.id()).orElseThrow();
        assertEquals(Outcome.INTERRUPTED, recorded.outcome());
        assertEquals(T0, recorded.endedAt());
    }

    @Test
    void shutdownStopsRunningRunsAndRecordsThemAsInterrupted() throws Exception {
        h.register(h.job("slow", "@every 1m", "trap 'exit 0' TERM; " + untilFile("never")));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> run = h.tick().get(0);
        h.await("the run started", () -> h.snapshot("slow").running() == 1
                && h.store.unfinishedRuns().stream().anyMatch(r -> r.pid() > 0));
        h.trackRunning();
        h.scheduler.shutdown().get(JobHarness.DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        JobRun ended = run.getNow(null);
        assertEquals(Outcome.INTERRUPTED, ended.outcome());
        assertTrue(h.timer.closed);
        assertThrows(SupervisorException.class, () -> h.scheduler.run("demo", "slow"));
    }

    @Test
    void shutdownKillsARunThatIgnoresSigtermOnceItsStopGraceElapsesInVirtualTime() throws Exception {
        h.register(h.job("stubborn", "@every 1m", "trap '' TERM; " + untilFile("never")));
        h.clock.advance(Duration.ofMinutes(1));
        CompletableFuture<JobRun> run = h.tick().get(0);
        h.await("the run started", () -> h.snapshot("stubborn").running() == 1
                && h.store.unfinishedRuns().stream().anyMatch(r -> r.pid() > 0));
        h.trackRunning();

        CompletableFuture<Void> shutdown = h.scheduler.shutdown();
        h.await("the stop grace to wait on the timer", () -> h.stopTimer.pending() == 1);
        assertFalse(shutdown.isDone(), "no SIGKILL before the stop grace elapsed: the shutdown waits");

        h.stopTimer.advance(Duration.ofSeconds(2));
        shutdown.get(JobHarness.DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

        assertEquals(Outcome.INTERRUPTED, run.getNow(null).outcome());
    }

    @Test
    void listenersSeeARunStartAndEnd() throws Exception {
        h.register(h.job("quick", "@every 1m", "true"));
        h.clock.advance(Duration.ofMinutes(1));
        JobRun run = join(h.tick().get(0));
        h.await("the end was announced", () -> h.changes.stream().anyMatch(s -> run.equals(s.lastRun())));
        List<String> states = h.changes.stream().map(JobSnapshot::state).toList();
        assertEquals("idle", states.get(0));
        assertTrue(states.contains("running"), states.toString());
        assertEquals("idle", states.get(states.size() - 1));
    }

    @Test
    void onlyTheNewestRunLogsAreKept() throws Exception {
        h.register(h.job("chatty", "@every 1m", "echo hi"));
        long firstId = 0;
        for (int i = 0; i < 5; i++) {
            h.clock.advance(Duration.ofMinutes(1));
            JobRun r = join(h.tick().get(0));
            if (i == 0) {
                firstId = r.id();
            }
        }
        Path logs = dir.resolve("logs/demo/jobs/chatty");
        long first = firstId;
        h.await("old run logs are pruned", () -> !Files.exists(logs.resolve(first + ".log")) && count(logs) == 3);
        SupervisorException e = assertThrows(SupervisorException.class, () -> h.scheduler.runLog("demo", "chatty", 999L));
        assertEquals(SupervisorException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void theLogOfAPrunedRunIsNotFoundAndSaysHowManyAreKept() throws Exception {
        h.register(h.job("chatty", "@every 1m", "echo hi"));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            h.clock.advance(Duration.ofMinutes(1));
            ids.add(join(h.tick().get(0)).id());
        }
        Path logs = dir.resolve("logs/demo/jobs/chatty");
        h.await("old run logs are pruned", () -> count(logs) == 3);

        SupervisorException pruned = assertThrows(SupervisorException.class,
                () -> h.scheduler.runLog("demo", "chatty", ids.get(0)));
        assertEquals(SupervisorException.Kind.NOT_FOUND, pruned.kind());
        assertTrue(pruned.getMessage().contains("run " + ids.get(0) + " of job demo/chatty was pruned")
                && pruned.getMessage().contains("newest 3 runs"), pruned.getMessage());
        RunLog kept = h.scheduler.runLog("demo", "chatty", ids.get(4));
        assertEquals(ids.get(4), kept.run().id());
        assertTrue(Files.exists(kept.file()));
    }

    private static long count(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
