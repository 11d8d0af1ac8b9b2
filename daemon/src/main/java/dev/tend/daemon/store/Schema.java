package dev.tend.daemon.store;

import java.util.List;

/** The tables of tend.db, as the ordered migrations that build them. The version is PRAGMA user_version. */
final class Schema {

    static final List<Migration> MIGRATIONS = List.of(
            new Migration("projects, ad-hoc services, desired state, history, live children", List.of(
                    """
                    CREATE TABLE projects (
                        name     TEXT PRIMARY KEY,
                        dir      TEXT NOT NULL,
                        file     TEXT NOT NULL,
                        base_env TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE adhoc_services (
                        name    TEXT PRIMARY KEY,
                        command TEXT NOT NULL,
                        cwd     TEXT NOT NULL,
                        env     TEXT NOT NULL,
                        restart TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE desired_state (
                        project TEXT NOT NULL,
                        service TEXT NOT NULL,
                        running INTEGER NOT NULL,
                        PRIMARY KEY (project, service)
                    )""",
                    """
                    CREATE TABLE history (
                        id          INTEGER PRIMARY KEY AUTOINCREMENT,
                        project     TEXT NOT NULL,
                        service     TEXT NOT NULL,
                        time_millis INTEGER NOT NULL,
                        kind        TEXT NOT NULL,
                        pid         INTEGER NOT NULL,
                        exit_code   INTEGER,
                        signal      TEXT,
                        reason      TEXT
                    )""",
                    "CREATE INDEX history_by_service ON history (project, service, id)",
                    """
                    CREATE TABLE live_children (
                        project           TEXT NOT NULL,
                        service           TEXT NOT NULL,
                        pid               INTEGER NOT NULL,
                        start_time_millis INTEGER NOT NULL,
                        PRIMARY KEY (project, service, pid)
                    )""")),
            new Migration("job runs, job schedule anchors, ad-hoc jobs", List.of(
                    """
                    CREATE TABLE job_runs (
                        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
                        project             TEXT NOT NULL,
                        job                 TEXT NOT NULL,
                        trigger             TEXT NOT NULL,
                        scheduled_millis    INTEGER,
                        started_millis      INTEGER,
                        ended_millis        INTEGER,
                        exit_code           INTEGER,
                        signal              TEXT,
                        outcome             TEXT NOT NULL,
                        pid                 INTEGER NOT NULL,
                        reason              TEXT
                    )""",
                    "CREATE INDEX job_runs_by_job ON job_runs (project, job, id)",
                    "CREATE INDEX job_runs_by_outcome ON job_runs (outcome)",
                    """
                    CREATE TABLE job_anchors (
                        project       TEXT NOT NULL,
                        job           TEXT NOT NULL,
                        anchor_millis INTEGER NOT NULL,
                        PRIMARY KEY (project, job)
                    )""",
                    """
                    CREATE TABLE adhoc_jobs (
                        name           TEXT PRIMARY KEY,
                        schedule       TEXT NOT NULL,
                        timezone       TEXT NOT NULL,
                        command        TEXT NOT NULL,
                        cwd            TEXT NOT NULL,
                        env            TEXT NOT NULL,
                        overlap        TEXT NOT NULL,
                        timeout_millis INTEGER,
                        catch_up       INTEGER NOT NULL
                    )""")),
            new Migration("the run token of a live child", List.of(
                    "ALTER TABLE live_children ADD COLUMN run_token TEXT")),
            new Migration("the stop settings of a live child", List.of(
                    "ALTER TABLE live_children ADD COLUMN stop_signal TEXT",
                    "ALTER TABLE live_children ADD COLUMN stop_timeout_millis INTEGER")),
            new Migration("a service's kept auto port, and why it failed", List.of(
                    "ALTER TABLE desired_state ADD COLUMN port INTEGER",
                    "ALTER TABLE desired_state ADD COLUMN failed TEXT")),
            new Migration("paused job schedules", List.of(
                    "ALTER TABLE job_anchors ADD COLUMN paused_millis INTEGER")),
            // A launch is recorded before its fork, with pid 0 until the fork returns: several launches of one job
            // may be under way at once, so (project, service, pid) is no longer a key; the run token is.
            new Migration("launches recorded before their fork", List.of(
                    """
                    CREATE TABLE live_children_by_token (
                        project             TEXT NOT NULL,
                        service             TEXT NOT NULL,
                        pid                 INTEGER NOT NULL,
                        start_time_millis   INTEGER NOT NULL,
                        run_token           TEXT,
                        stop_signal         TEXT,
                        stop_timeout_millis INTEGER
                    )""",
                    """
                    INSERT INTO live_children_by_token
                    SELECT project, service, pid, start_time_millis, run_token, stop_signal, stop_timeout_millis
                    FROM live_children""",
                    "DROP TABLE live_children",
                    "ALTER TABLE live_children_by_token RENAME TO live_children",
                    "CREATE UNIQUE INDEX live_children_token ON live_children (run_token)",
                    "CREATE INDEX live_children_pid ON live_children (project, service, pid)")),
            new Migration("files merged over a project's file (tend up -f a -f b)", List.of(
                    "ALTER TABLE projects ADD COLUMN overrides TEXT NOT NULL DEFAULT '[]'")),
            new Migration("a task done in this boot of the machine: its boot id", List.of(
                    "ALTER TABLE desired_state ADD COLUMN completed_boot TEXT")),
            new Migration("the count tend scale set for a service, and the file's replicas then", List.of("""
                    CREATE TABLE scales (
                        project TEXT NOT NULL,
                        service TEXT NOT NULL,
                        count INTEGER NOT NULL,
                        file_count INTEGER NOT NULL,
                        PRIMARY KEY (project, service)
                    )""")),
            // A queued run lives in memory until it starts; this row is what a daemon killed meanwhile leaves of it,
            // so the next one can record its due time as skipped rather than lose it without a word.
            // Keyed by the queued run, not the job: the next run may be queued before the last one's start replaced its row.
            new Migration("a job's queued run", List.of("""
                    CREATE TABLE job_queue (
                        token            TEXT PRIMARY KEY,
                        project          TEXT NOT NULL,
                        job              TEXT NOT NULL,
                        trigger          TEXT NOT NULL,
                        scheduled_millis INTEGER
                    )""")));

    private Schema() {
    }
}
