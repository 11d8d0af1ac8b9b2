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
                    )""")));

    private Schema() {
    }
}
