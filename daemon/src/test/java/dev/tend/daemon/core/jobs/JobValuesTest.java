package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import dev.tend.daemon.core.jobs.JobRun.Trigger;
import dev.tend.daemon.core.logs.LogPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words a job's runs are told in, and the settings a job or the scheduler refuses before anything runs. */
class JobValuesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private static JobSpec withTimeout(Duration timeout) {
        return new JobSpec("backup", "@hourly", "true", Path.of("/tmp"), Map.of(), ZoneOffset.UTC,
                JobSpec.Overlap.SKIP, timeout, false);
    }

    @Test
    void triggersAndOutcomesAreWrittenInLowerCaseWithHyphens() {
        assertEquals("catch-up", Trigger.CATCH_UP.wireName());
        assertEquals("manual", Trigger.MANUAL.wireName());
        assertEquals("timed-out", Outcome.TIMED_OUT.wireName());
        assertEquals("succeeded", Outcome.SUCCEEDED.wireName());
        for (Trigger t : Trigger.values()) {
            assertEquals(t, Trigger.ofWireName(t.wireName()));
        }
        for (Outcome o : Outcome.values()) {
            assertEquals(o, Outcome.ofWireName(o.wireName()));
        }
    }

    @Test
    void aRunHasADurationOnlyOnceItStartedAndEnded() {
        JobRun open = new JobRun(7, "demo", "backup", Trigger.SCHEDULE, T0, null, null, null, null, Outcome.RUNNING, 0,
                null);
        assertNull(open.duration(), "not started");
        JobRun running = open.started(T0.plusSeconds(1), 42);
        assertNull(running.duration(), "not ended");
        assertEquals(42, running.pid());
        assertEquals(Outcome.RUNNING, running.outcome());
        JobRun ended = running.ended(T0.plusSeconds(4), 0, null, Outcome.SUCCEEDED, null);
        assertEquals(Duration.ofSeconds(3), ended.duration());
        assertNull(new JobRun(8, "demo", "backup", Trigger.SCHEDULE, T0, null, T0, null, null, Outcome.SKIPPED, 0,
                "busy").duration(), "skipped: ended but never started");
        assertEquals(9, ended.withId(9).id());
    }

    @Test
    void aJobsStateIsRunningBeforePausedAndIdleOtherwise() {
        JobSpec spec = withTimeout(null);
        assertEquals("running", new JobSnapshot("demo", spec, 1, false, null, null, true).state(),
                "a paused job's manual run shows as running");
        assertEquals("paused", new JobSnapshot("demo", spec, 0, false, null, null, true).state());
        assertEquals("idle", new JobSnapshot("demo", spec, 0, true, T0, null, false).state());
        assertEquals("backup", new JobSnapshot("demo", spec, 0, false, T0, null, false).name());
    }

    @Test
    void aTimeoutOfZeroOrLessIsRefusedNamingTheJobAndTheSmallestIsTaken() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> JobTable.parse(List.of(withTimeout(bad))));
            assertEquals("job 'backup': timeout must be more than zero", e.getMessage());
        }
        assertDoesNotThrow(() -> JobTable.parse(List.of(withTimeout(Duration.ofNanos(1)))));
        assertDoesNotThrow(() -> JobTable.parse(List.of(withTimeout(null))), "no timeout: runs as long as it takes");
    }

    @Test
    void theSchedulerKeepsTheLogsOfAtLeastOneRun() {
        Path logs = Path.of("/tmp/logs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JobsConfig(logs, LogPolicy.DEFAULTS, "test", Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
        assertEquals("keepRunLogs must be at least 1, got 0", e.getMessage());
        assertEquals(1, new JobsConfig(logs, LogPolicy.DEFAULTS, "test", Duration.ofSeconds(1), Duration.ofSeconds(1), 1)
                .keepRunLogs());
        assertEquals(50, JobsConfig.defaults(logs, "test").keepRunLogs());
    }

    @Test
    void anEveryScheduleAskedBeforeItsAnchorRunsOneIntervalAfterIt() {
        JobSchedule every = JobSchedule.parse("@every 10m", ZoneOffset.UTC);
        assertEquals(T0.plus(Duration.ofMinutes(10)), every.nextAfter(T0, T0.minusSeconds(30)),
                "a clock set back: the schedule keeps its anchor");
        assertNull(every.latestDue(T0, T0.minusSeconds(30)));
    }

    @Test
    void everyNeedsASpaceAndADuration() {
        String glued = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("@every10m", ZoneOffset.UTC)).getMessage();
        assertTrue(glued.contains("write '@every DURATION'"), glued);
        String bare = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("@every", ZoneOffset.UTC)).getMessage();
        assertTrue(bare.contains("write '@every DURATION'"), bare);
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse(null, ZoneOffset.UTC));
        assertEquals("@every 5m", JobSchedule.parse("  @every 5m ", ZoneOffset.UTC).text(), "read stripped");
    }

    @Test
    void aCronExpressionNoDateMatchesIsRefusedAsNeverFiring() {
        String e = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("0 0 31 2 *", ZoneOffset.UTC)).getMessage();
        assertTrue(e.contains("it never fires"), e);
        String six = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("0 0 25 * * *", ZoneOffset.UTC)).getMessage();
        assertTrue(six.contains("6 fields are read seconds first"), six);
        String five = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("0 25 * * *", ZoneOffset.UTC)).getMessage();
        assertTrue(!five.contains("seconds first"), five);
        assertEquals("0 3 * * * (Z)", JobSchedule.parse("0 3 * * *", ZoneOffset.UTC).toString());
    }
}
