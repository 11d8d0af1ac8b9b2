package dev.tend.daemon.store;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.jobs.JobRun;
import dev.tend.daemon.core.jobs.JobStore;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link JobStore} on the same SQLite file and connection as a {@link SqliteStore}. The newest {@link #KEEP_RUNS}
 * runs are kept per job: each run recorded beyond them deletes the oldest (an index range, so it stays cheap).
 */
public final class SqliteJobStore implements JobStore {

    static final int KEEP_RUNS = 1000;

    private static final String RUN_COLUMNS = "id, project, job, trigger, scheduled_millis, started_millis, ended_millis, "
            + "exit_code, signal, outcome, pid, reason";

    private final SqliteStore db;

    public SqliteJobStore(SqliteStore db) {
        this.db = db;
    }

    @Override
    public JobRun insertRun(JobRun run) {
        return insert(run, null);
    }

    @Override
    public JobRun insertDequeued(JobRun run, String token) {
        return insert(run, java.util.Objects.requireNonNull(token, "token"));
    }

    private JobRun insert(JobRun run, String dequeued) {
        String what = "record a run of job " + run.project() + "/" + run.job();
        // Dequeued: the queued row goes with the run's row, so a crash between them leaves neither twice nor none.
        long id = db.inTransaction(what, connection -> {
            if (dequeued != null) {
                Sql.execute(connection, "DELETE FROM job_queue WHERE token = ?", dequeued);
            }
            long newId;
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO job_runs (project, job, trigger, scheduled_millis, started_millis, ended_millis,
                        exit_code, signal, outcome, pid, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                Object[] values = {run.project(), run.job(), run.trigger().wireName(), millis(run.scheduledFor()),
                        millis(run.startedAt()), millis(run.endedAt()), run.exitCode(), run.signal(),
                        run.outcome().wireName(), run.pid(), run.reason()};
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null) {
                        statement.setNull(i + 1, java.sql.Types.NULL);
                    } else {
                        statement.setObject(i + 1, values[i]);
                    }
                }
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    keys.next();
                    newId = keys.getLong(1);
                }
            }
            prune(connection, run.project(), run.job());
            return newId;
        });
        return run.withId(id);
    }

    private static void prune(java.sql.Connection connection, String project, String job) throws SQLException {
        Sql.execute(connection, """
                DELETE FROM job_runs WHERE project = ? AND job = ? AND id <= (
                    SELECT id FROM job_runs WHERE project = ? AND job = ? ORDER BY id DESC LIMIT 1 OFFSET ?)""",
                project, job, project, job, KEEP_RUNS);
    }

    @Override
    public void updateRun(JobRun run) {
        db.update("update run " + run.id() + " of job " + run.project() + "/" + run.job(), """
                UPDATE job_runs SET started_millis = ?, ended_millis = ?, exit_code = ?, signal = ?, outcome = ?,
                    pid = ?, reason = ? WHERE id = ?""",
                millis(run.startedAt()), millis(run.endedAt()), run.exitCode(), run.signal(), run.outcome().wireName(),
                run.pid(), run.reason(), run.id());
    }

    @Override
    public List<JobRun> runs(String project, String job, int limit) {
        List<JobRun> newestFirst = db.query("read runs of job " + project + "/" + job,
                "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE project = ? AND job = ? ORDER BY id DESC LIMIT ?",
                this::run, project, job, limit);
        List<JobRun> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return Collections.unmodifiableList(oldestFirst);
    }

    @Override
    public Optional<JobRun> run(long id) {
        return db.query("read job run " + id, "SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?", this::run, id)
                .stream().findFirst();
    }

    @Override
    public Optional<JobRun> lastRun(String project, String job) {
        return db.query("read the last run of job " + project + "/" + job, "SELECT " + RUN_COLUMNS
                        + " FROM job_runs WHERE project = ? AND job = ? AND outcome <> 'skipped' ORDER BY id DESC LIMIT 1",
                this::run, project, job).stream().findFirst();
    }

    @Override
    public List<JobRun> unfinishedRuns() {
        return db.query("read unfinished job runs", "SELECT " + RUN_COLUMNS
                + " FROM job_runs WHERE outcome = 'running' ORDER BY id", this::run);
    }

    @Override
    public void putQueued(QueuedRun run) {
        db.update("record the queued run of job " + run.project() + "/" + run.job(), """
                INSERT INTO job_queue (token, project, job, trigger, scheduled_millis) VALUES (?, ?, ?, ?, ?)""",
                run.token(), run.project(), run.job(), run.trigger().wireName(), millis(run.scheduledFor()));
    }

    @Override
    public List<QueuedRun> queuedRuns() {
        return db.query("read queued job runs", "SELECT token, project, job, trigger, scheduled_millis FROM job_queue"
                + " ORDER BY project, job, scheduled_millis", rows -> new QueuedRun(rows.getString(1), rows.getString(2),
                rows.getString(3), read(rows.getString(4), JobRun.Trigger::ofWireName, "queued run of job "
                        + rows.getString(2) + "/" + rows.getString(3), "trigger"), instant(rows, 5)));
    }

    @Override
    public Optional<Instant> anchor(String project, String job) {
        return db.query("read the schedule anchor of job " + project + "/" + job,
                "SELECT anchor_millis FROM job_anchors WHERE project = ? AND job = ?",
                rows -> Instant.ofEpochMilli(rows.getLong(1)), project, job).stream().findFirst();
    }

    @Override
    public void setAnchor(String project, String job, Instant anchor) {
        db.update("save the schedule anchor of job " + project + "/" + job, """
                INSERT INTO job_anchors (project, job, anchor_millis) VALUES (?, ?, ?)
                ON CONFLICT (project, job) DO UPDATE SET anchor_millis = excluded.anchor_millis""",
                project, job, anchor.toEpochMilli());
    }

    @Override
    public void removeAnchor(String project, String job) {
        db.update("remove the schedule anchor of job " + project + "/" + job,
                "DELETE FROM job_anchors WHERE project = ? AND job = ?", project, job);
    }

    @Override
    public Optional<Instant> pausedSince(String project, String job) {
        return db.query("read whether job " + project + "/" + job + " is paused",
                "SELECT paused_millis FROM job_anchors WHERE project = ? AND job = ? AND paused_millis IS NOT NULL",
                rows -> Instant.ofEpochMilli(rows.getLong(1)), project, job).stream().findFirst();
    }

    /** The anchor row exists from the job's first registration on; a pause without one anchors it at the pause. */
    @Override
    public void setPaused(String project, String job, Instant since) {
        if (since == null) {
            db.update("resume job " + project + "/" + job,
                    "UPDATE job_anchors SET paused_millis = NULL WHERE project = ? AND job = ?", project, job);
            return;
        }
        db.update("pause job " + project + "/" + job, """
                INSERT INTO job_anchors (project, job, anchor_millis, paused_millis) VALUES (?, ?, ?, ?)
                ON CONFLICT (project, job) DO UPDATE SET paused_millis = excluded.paused_millis""",
                project, job, since.toEpochMilli(), since.toEpochMilli());
    }

    @Override
    public void putAdhocJob(JobSpec job) {
        if (job.cwd() == null) {
            throw new IllegalArgumentException("cwd of ad-hoc job " + job.name() + " is missing");
        }
        db.update("save ad-hoc job " + job.name(), """
                INSERT INTO adhoc_jobs (name, schedule, timezone, command, cwd, env, overlap, timeout_millis, catch_up)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET schedule = excluded.schedule, timezone = excluded.timezone,
                    command = excluded.command, cwd = excluded.cwd, env = excluded.env, overlap = excluded.overlap,
                    timeout_millis = excluded.timeout_millis, catch_up = excluded.catch_up""",
                job.name(), job.schedule(), job.timezone().getId(), job.command(), job.cwd().toString(),
                EnvJson.encode(job.env()), job.overlap().name(), job.timeout() == null ? null : job.timeout().toMillis(),
                job.catchUp() ? 1 : 0);
    }

    @Override
    public void removeAdhocJob(String name) {
        db.update("remove ad-hoc job " + name, "DELETE FROM adhoc_jobs WHERE name = ?", name);
    }

    @Override
    public Map<String, JobSpec> adhocJobs() {
        List<JobSpec> jobs = db.query("read ad-hoc jobs", """
                SELECT name, schedule, timezone, command, cwd, env, overlap, timeout_millis, catch_up
                FROM adhoc_jobs ORDER BY name""", rows -> {
            String name = rows.getString(1);
            long timeout = rows.getLong(8);
            Duration limit = rows.wasNull() ? null : Duration.ofMillis(timeout);
            return new JobSpec(name, rows.getString(2), rows.getString(4), Path.of(rows.getString(5)),
                    EnvJson.decode(rows.getString(6), db.file() + ": env of ad-hoc job " + name), zone(rows.getString(3), name),
                    overlap(rows.getString(7), name), limit, rows.getInt(9) != 0);
        });
        Map<String, JobSpec> byName = new LinkedHashMap<>();
        jobs.forEach(j -> byName.put(j.name(), j));
        return Collections.unmodifiableMap(byName);
    }

    private JobRun run(ResultSet rows) throws SQLException {
        long id = rows.getLong(1);
        return new JobRun(id, rows.getString(2), rows.getString(3), trigger(rows.getString(4), id),
                instant(rows, 5), instant(rows, 6), instant(rows, 7), Sql.nullableInt(rows, 8), rows.getString(9),
                outcome(rows.getString(10), id), rows.getLong(11), rows.getString(12));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private JobRun.Trigger trigger(String stored, long id) {
        return read(stored, JobRun.Trigger::ofWireName, "job run " + id, "trigger");
    }

    private JobRun.Outcome outcome(String stored, long id) {
        return read(stored, JobRun.Outcome::ofWireName, "job run " + id, "outcome");
    }

    private ZoneId zone(String stored, String job) {
        return read(stored, ZoneId::of, "ad-hoc job " + job, "timezone");
    }

    private JobSpec.Overlap overlap(String stored, String job) {
        return read(stored, JobSpec.Overlap::valueOf, "ad-hoc job " + job, "overlap");
    }

    /** A stored word read back; one this daemon does not know (a newer one wrote it, or damage) names its row. */
    private <T> T read(String stored, Function<String, T> parse, String row, String field) {
        try {
            return parse.apply(stored);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new StoreException(db.file() + ": " + row + " has unknown " + field + " '" + stored + "'");
        }
    }
}
