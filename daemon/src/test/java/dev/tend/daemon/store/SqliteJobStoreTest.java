package dev.tend.daemon.store;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.jobs.JobRun;
import dev.tend.daemon.core.jobs.JobStore;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import dev.tend.daemon.core.jobs.JobRun.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteJobStoreTest {

    private static final Instant T = Instant.parse("2026-05-01T03:00:00.123Z");

    @TempDir
    Path dir;

    private static JobRun running(String job) {
        return new JobRun(0, "demo", job, Trigger.SCHEDULE, T, T, null, null, null, Outcome.RUNNING, 42, null);
    }

    @Test
    void aRunIsRecordedThenEndedAndReadBackAsWritten() {
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            JobRun run = store.insertRun(running("backup"));
            assertTrue(run.id() > 0);
            assertEquals(List.of(run), store.unfinishedRuns());
            JobRun ended = run.ended(T.plusSeconds(5), null, "SIGKILL", Outcome.TIMED_OUT, "timed out after 5s");
            store.updateRun(ended);
            assertEquals(Optional.of(ended), store.run(run.id()));
            assertTrue(store.unfinishedRuns().isEmpty());
            assertEquals(Duration.ofSeconds(5), store.run(run.id()).orElseThrow().duration());
        }
    }

    @Test
    void theLastRunIsTheNewestThatWasNotSkipped() {
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            JobRun real = store.insertRun(running("backup").ended(T, 0, null, Outcome.SUCCEEDED, null));
            JobRun skipped = store.insertRun(new JobRun(0, "demo", "backup", Trigger.SCHEDULE, T, null, T, null, null,
                    Outcome.SKIPPED, 0, "the previous run is still running (overlap: skip)"));
            assertEquals(Optional.of(real), store.lastRun("demo", "backup"));
            assertEquals(List.of(real, skipped), store.runs("demo", "backup", 10));
            assertEquals(List.of(skipped), store.runs("demo", "backup", 1));
            assertTrue(store.runs("demo", "other", 10).isEmpty());
        }
    }

    @Test
    void aJobKeepsExactlyItsNewestThousandRuns() {
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            JobRun first = store.insertRun(running("tick"));
            JobRun second = store.insertRun(running("tick"));
            for (int i = 2; i < SqliteJobStore.KEEP_RUNS; i++) {
                store.insertRun(running("tick"));
            }
            assertEquals(SqliteJobStore.KEEP_RUNS, store.runs("demo", "tick", 5000).size());
            assertTrue(store.run(first.id()).isPresent());
            store.insertRun(running("tick"));
            assertTrue(store.run(first.id()).isEmpty(), "the oldest run was pruned by the 1001st");
            assertTrue(store.run(second.id()).isPresent());
            assertEquals(SqliteJobStore.KEEP_RUNS, store.runs("demo", "tick", 5000).size(), "never more than 1000");
        }
    }

    @Test
    void aQueuedRunSurvivesReopeningUntilTheRunItBecameIsRecordedAndOnlyThatOneGoes() {
        JobStore.QueuedRun first = new JobStore.QueuedRun("t1", "demo", "backup", Trigger.MANUAL, null);
        JobStore.QueuedRun next = new JobStore.QueuedRun("t2", "demo", "backup", Trigger.SCHEDULE, T);
        JobStore.QueuedRun sync = new JobStore.QueuedRun("t3", "demo", "sync", Trigger.CATCH_UP, T);
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            store.putQueued(first);
            store.putQueued(next); // queued before the first one's start replaced its record
            store.putQueued(sync);
        }
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            assertEquals(List.of(first, next, sync), store.queuedRuns());
            store.insertRun(running("backup"));
            assertEquals(3, store.queuedRuns().size(), "another run of the job leaves its queued ones");
            JobRun dequeued = store.insertDequeued(running("backup"), "t1");
            assertEquals(List.of(next, sync), store.queuedRuns(), "the one queued after it stays");
            assertEquals(Optional.of(dequeued), store.run(dequeued.id()));
        }
    }

    @Test
    void anchorsAndAdhocJobsSurviveReopening() {
        JobSpec job = new JobSpec("sync", "@every 10m", "rsync -a src dst", dir, Map.of("HOME", "/home/u"),
                ZoneId.of("Europe/Berlin"), JobSpec.Overlap.QUEUE, Duration.ofMinutes(5), true);
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            store.setAnchor("demo", "backup", T);
            store.putAdhocJob(job);
        }
        try (SqliteStore db = SqliteStore.open(dir.resolve("tend.db"))) {
            SqliteJobStore store = new SqliteJobStore(db);
            assertEquals(Optional.of(T), store.anchor("demo", "backup"));
            assertEquals(Map.of("sync", job), store.adhocJobs());
            store.removeAnchor("demo", "backup");
            store.removeAdhocJob("sync");
            assertTrue(store.anchor("demo", "backup").isEmpty());
            assertTrue(store.adhocJobs().isEmpty());
        }
    }
}
