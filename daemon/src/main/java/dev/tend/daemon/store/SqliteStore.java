package dev.tend.daemon.store;

import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.Replicas;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.process.Signal;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link StateStore} on one SQLite file (WAL, synchronous=NORMAL). One connection serves every thread,
 * one call at a time: the daemon is the only writer and each call is a few rows, so a pool would only
 * add lock contention inside SQLite.
 *
 * <p>Times are kept at millisecond precision. History keeps the newest 1000 rows per (project, service),
 * pruned on every 100th append to that service (see {@link HistoryRetention}). Each remove method removes
 * from its own table only: removing a project leaves its desired state, history and live children alone.
 */
public final class SqliteStore implements StateStore {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    /** The longest path SQLite's unix VFS opens (MAX_PATHNAME). */
    private static final int SQLITE_MAX_PATH = 512;

    private final Path file;
    private final HistoryRetention retention;
    private final Object lock = new Object();
    /** Replaced only when the file was deleted under the daemon ({@link DeletedDatabase}). */
    private Connection connection;
    private final DeletedDatabase deleted;
    private final Map<ServiceKey, Integer> appendsSincePrune = new HashMap<>();
    private boolean closed;

    private record ServiceKey(String project, String service) {
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Which boot this is (see {@link BootId}); tests give their own. */
    private Supplier<String> bootId = BootId::current;

    private SqliteStore(Path file, Connection connection, HistoryRetention retention) {
        this.file = file;
        this.deleted = new DeletedDatabase(file);
        this.connection = connection;
        this.retention = retention;
    }

    /**
     * Opens the database, creating it (mode 0600 where POSIX) if missing and migrating it to the current
     * schema.
     *
     * @throws StoreException if it cannot be created or opened, is not a SQLite database, or was written
     *                        by a newer tend
     */
    public static SqliteStore open(Path dbFile) {
        return open(dbFile, Schema.MIGRATIONS, HistoryRetention.DEFAULT);
    }

    static SqliteStore open(Path dbFile, List<Migration> migrations, HistoryRetention retention) {
        Path file = dbFile.toAbsolutePath();
        boolean made = Files.notExists(file);
        createOwnerOnly(file);
        Connection connection;
        try {
            connection = connect(file);
        } catch (StoreException e) {
            if (made) {
                removeUnfinished(file, e);
            }
            throw e;
        }
        try {
            Migrator.migrate(connection, file, migrations);
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw new StoreException(StoreFailure.words(file, "migrate the schema", e), e);
        } catch (RuntimeException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
        return new SqliteStore(file, connection, retention);
    }

    /** The database file, absolute. */
    public Path file() {
        return file;
    }

    @Override
    public void putProject(ProjectRecord project) {
        String name = required(project, "project").name();
        String dir = required(project.dir(), "dir of project " + name).toString();
        String projectFile = required(project.file(), "file of project " + name).toString();
        update("save project " + name, """
                INSERT INTO projects (name, dir, file, base_env, overrides) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET dir = excluded.dir, file = excluded.file, base_env = excluded.base_env,
                overrides = excluded.overrides""",
                required(name, "project name"), dir, projectFile, EnvJson.encode(project.baseEnv()),
                EnvJson.encodePaths(project.overrides()));
    }

    @Override
    public void removeProject(String name) {
        // its `tend scale` counts go too: a scale is how it was run, not its history (which `forget` keeps)
        inTransaction("remove project " + name, connection -> {
            Sql.execute(connection, "DELETE FROM projects WHERE name = ?", name);
            return Sql.execute(connection, "DELETE FROM scales WHERE project = ?", name);
        });
    }

    @Override
    public void removeProjectHistory(String name) {
        locked("remove the history of project " + name, connection -> {
            for (String table : List.of("history", "desired_state", "job_runs", "job_anchors", "job_queue", "scales")) {
                Sql.execute(connection, "DELETE FROM " + table + " WHERE project = ?", name);
            }
            return null;
        });
    }

    @Override
    public List<ProjectRecord> projects() {
        return query("read projects", "SELECT name, dir, file, base_env, overrides FROM projects ORDER BY name", rows -> {
            String name = rows.getString(1);
            return new ProjectRecord(name, Path.of(rows.getString(2)), Path.of(rows.getString(3)),
                    EnvJson.decode(rows.getString(4), file + ": base_env of project " + name),
                    EnvJson.decodePaths(rows.getString(5), file + ": overrides of project " + name));
        });
    }

    @Override
    public void putAdhoc(AdhocRecord service) {
        String name = required(service, "ad-hoc service").name();
        String cwd = required(service.cwd(), "cwd of ad-hoc service " + name).toString();
        update("save ad-hoc service " + name, """
                INSERT INTO adhoc_services (name, command, cwd, env, restart) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET command = excluded.command, cwd = excluded.cwd,
                    env = excluded.env, restart = excluded.restart""",
                required(name, "ad-hoc service name"), required(service.command(), "command of ad-hoc service " + name),
                cwd, EnvJson.encode(service.env()),
                required(service.restart(), "restart mode of ad-hoc service " + name).name());
    }

    @Override
    public void removeAdhoc(String name) {
        update("remove ad-hoc service " + name, "DELETE FROM adhoc_services WHERE name = ?", name);
    }

    @Override
    public List<AdhocRecord> adhocServices() {
        return query("read ad-hoc services", "SELECT name, command, cwd, env, restart FROM adhoc_services ORDER BY name",
                rows -> {
                    String name = rows.getString(1);
                    return new AdhocRecord(name, rows.getString(2), Path.of(rows.getString(3)),
                            EnvJson.decode(rows.getString(4), file + ": env of ad-hoc service " + name),
                            restartMode(rows.getString(5), name));
                });
    }

    @Override
    public void setDesired(Map<String, ? extends Collection<String>> services, boolean running) {
        List<String> refs = new ArrayList<>();
        services.forEach((project, names) -> names.forEach(name -> refs.add(project + "/" + name)));
        inTransaction("save the desired state of " + (refs.size() == 1 ? refs.get(0) : refs.size() + " services"),
                connection -> {
                    for (Map.Entry<String, ? extends Collection<String>> e : services.entrySet()) {
                        for (String service : e.getValue()) {
                            Sql.execute(connection, """
                                    INSERT INTO desired_state (project, service, running) VALUES (?, ?, ?)
                                    ON CONFLICT (project, service) DO UPDATE SET running = excluded.running""",
                                    required(e.getKey(), "project"), required(service, "service"), running ? 1 : 0);
                        }
                    }
                    return null;
                });
    }

    @Override
    public void removeDesired(String project, String service) {
        update("remove desired state of " + project + "/" + service,
                "DELETE FROM desired_state WHERE project = ? AND service = ?", project, service);
    }

    @Override
    public Map<String, Map<String, Boolean>> desired() {
        return locked("read desired state", connection -> {
            Map<String, Map<String, Boolean>> byProject = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT project, service, running FROM desired_state ORDER BY project, service");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byProject.computeIfAbsent(rows.getString(1), project -> new LinkedHashMap<>())
                            .put(rows.getString(2), rows.getInt(3) != 0);
                }
            }
            byProject.replaceAll((project, services) -> Collections.unmodifiableMap(services));
            return Collections.unmodifiableMap(byProject);
        });
    }

    @Override
    public void setScale(String project, String service, Replicas.Scaled scaled) {
        update("save the scale of " + project + "/" + service, """
                INSERT INTO scales (project, service, count, file_count) VALUES (?, ?, ?, ?)
                ON CONFLICT (project, service) DO UPDATE SET count = excluded.count, file_count = excluded.file_count""",
                required(project, "project"), required(service, "service"), scaled.count(), scaled.fileCount());
    }

    @Override
    public void removeScale(String project, String service) {
        update("remove the scale of " + project + "/" + service,
                "DELETE FROM scales WHERE project = ? AND service = ?", project, service);
    }

    @Override
    public Map<String, Map<String, Replicas.Scaled>> scales() {
        return locked("read scales", connection -> {
            Map<String, Map<String, Replicas.Scaled>> byProject = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT project, service, count, file_count FROM scales ORDER BY project, service");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byProject.computeIfAbsent(rows.getString(1), project -> new LinkedHashMap<>())
                            .put(rows.getString(2), new Replicas.Scaled(rows.getInt(3), rows.getInt(4)));
                }
            }
            byProject.replaceAll((project, services) -> Collections.unmodifiableMap(services));
            return Collections.unmodifiableMap(byProject);
        });
    }

    @Override
    public void setPort(String project, String service, int port) {
        keep("port", "port", project, service, port);
    }

    @Override
    public void setFailed(String project, String service, String reason) {
        keep("failure", "failed", project, service, reason);
    }

    @Override
    public void setCompleted(String project, String service, boolean done) {
        keep("completion", "completed_boot", project, service, done ? bootId.get() : null);
    }

    /** For tests: as if the machine had booted with this id. */
    void bootId(Supplier<String> id) {
        this.bootId = id;
    }

    /** One kept column of a service's row (a row made for it is not running); {@code column} is ours, never input. */
    private void keep(String what, String column, String project, String service, Object value) {
        update("save " + what + " of " + project + "/" + service,
                "INSERT INTO desired_state (project, service, running, " + column + ") VALUES (?, ?, 0, ?)\n"
                        + "ON CONFLICT (project, service) DO UPDATE SET " + column + " = excluded." + column,
                required(project, "project"), required(service, "service"), value);
    }

    @Override
    public Map<String, Map<String, ServiceMemory>> memory() {
        String boot = bootId.get();
        return locked("read kept ports, failures and done tasks", connection -> {
            Map<String, Map<String, ServiceMemory>> byProject = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT project, service, port, failed, completed_boot FROM desired_state
                    WHERE port IS NOT NULL OR failed IS NOT NULL OR completed_boot IS NOT NULL
                    ORDER BY project, service""");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    boolean doneThisBoot = boot != null && boot.equals(rows.getString(5));
                    if (rows.getObject(3) == null && rows.getString(4) == null && !doneThisBoot) {
                        continue; // done in an earlier boot only: nothing to keep
                    }
                    byProject.computeIfAbsent(rows.getString(1), project -> new LinkedHashMap<>())
                            .put(rows.getString(2), new ServiceMemory(rows.getInt(3), rows.getString(4), doneThisBoot));
                }
            }
            byProject.replaceAll((project, services) -> Collections.unmodifiableMap(services));
            return Collections.unmodifiableMap(byProject);
        });
    }

    @Override
    public void appendHistory(HistoryRecord record) {
        required(record, "history record");
        String project = required(record.project(), "project of history record");
        String service = required(record.service(), "service of history record");
        String what = "append history of " + project + "/" + service;
        long millis = required(record.time(), "time of history record").toEpochMilli();
        locked(what, connection -> {
            Sql.execute(connection, """
                    INSERT INTO history (project, service, time_millis, kind, pid, exit_code, signal, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    project, service, millis, required(record.kind(), "kind of history record"), record.pid(),
                    record.exitCode(), record.signal(), record.reason());
            if (appendsSincePrune.merge(new ServiceKey(project, service), 1, Integer::sum) >= retention.pruneEvery()) {
                appendsSincePrune.remove(new ServiceKey(project, service));
                Sql.execute(connection, """
                        DELETE FROM history WHERE project = ? AND service = ? AND id <= (
                            SELECT id FROM history WHERE project = ? AND service = ?
                            ORDER BY id DESC LIMIT 1 OFFSET ?)""",
                        project, service, project, service, retention.keepPerService());
            }
            return null;
        });
    }

    @Override
    public List<HistoryRecord> history(String project, String service, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("history limit must be 0 or more, got " + limit);
        }
        List<HistoryRecord> newestFirst = query("read history of " + project + "/" + service, """
                SELECT project, service, time_millis, kind, pid, exit_code, signal, reason FROM history
                WHERE project = ? AND service = ? ORDER BY id DESC LIMIT ?""",
                rows -> new HistoryRecord(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                        rows.getString(4), rows.getLong(5), Sql.nullableInt(rows, 6), rows.getString(7), rows.getString(8)),
                project, service, limit);
        List<HistoryRecord> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return Collections.unmodifiableList(oldestFirst);
    }

    @Override
    public void putLiveChild(LiveChild child) {
        required(child, "live child");
        String project = required(child.project(), "project of live child");
        String service = required(child.service(), "service of live child");
        long startMillis = required(child.startTime(), "start time of live child").toEpochMilli();
        // The record of the same launch (by token; pid 0 before its fork) or of the same pid is replaced.
        inTransaction("save live child " + project + "/" + service + " pid " + child.pid(), connection -> {
            if (child.runToken() != null) {
                Sql.execute(connection, "DELETE FROM live_children WHERE run_token = ?", child.runToken());
            }
            if (child.pid() != 0) {
                Sql.execute(connection, "DELETE FROM live_children WHERE project = ? AND service = ? AND pid = ?",
                        project, service, child.pid());
            }
            return Sql.execute(connection, """
                    INSERT INTO live_children (project, service, pid, start_time_millis, run_token, stop_signal,
                        stop_timeout_millis) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    project, service, child.pid(), startMillis, child.runToken(),
                    child.stopSignal() == null ? null : child.stopSignal().name(),
                    child.stopTimeout() == null ? null : child.stopTimeout().toMillis());
        });
    }

    @Override
    public void removeLiveChild(String project, String service, long pid) {
        update("remove live child " + project + "/" + service + " pid " + pid,
                "DELETE FROM live_children WHERE project = ? AND service = ? AND pid = ?", project, service, pid);
    }

    @Override
    public void removeLaunch(String runToken) {
        update("remove the launch record of run " + runToken, "DELETE FROM live_children WHERE run_token = ?",
                required(runToken, "run token"));
    }

    /** The work as one transaction: all of it on disk, or (on a failure) none of it. */
    <T> T inTransaction(String what, SqlWork<T> work) {
        return locked(what, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public List<LiveChild> liveChildren() {
        return query("read live children",
                """
                SELECT project, service, pid, start_time_millis, run_token, stop_signal, stop_timeout_millis
                FROM live_children ORDER BY project, service, pid""",
                rows -> new LiveChild(rows.getString(1), rows.getString(2), rows.getLong(3),
                        Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5), signal(rows.getString(6)),
                        Sql.nullableMillis(rows, 7)));
    }

    /** Closes the connection; later calls do nothing. Other methods fail with IllegalStateException after it. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException(file + ": cannot close: " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... parameters) {
        return locked(what, connection -> {
            List<T> result = new ArrayList<>();
            try (PreparedStatement statement = Sql.prepare(connection, sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return Collections.unmodifiableList(result);
        });
    }

    void update(String what, String sql, Object... parameters) {
        locked(what, connection -> Sql.execute(connection, sql, parameters));
    }

    <T> T locked(String what, SqlWork<T> work) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(file + ": store is closed, cannot " + what);
            }
            try {
                if (connection.getAutoCommit()) {
                    connection = deleted.check(connection);
                }
                return work.run(connection);
            } catch (SQLException e) {
                throw new StoreException(StoreFailure.words(file, what, e), e);
            }
        }
    }

    /** Null (the reaper's default) for a name this tend does not know: a record must never stop a start-up. */
    private static Signal signal(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return Signal.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private RestartMode restartMode(String stored, String service) {
        try {
            return RestartMode.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + ": ad-hoc service " + service + " has unknown restart mode '" + stored + "'");
        }
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    /**
     * Removes a file this store made that holds no database (yet): left there, the next start would take it for one
     * emptied and set it aside as damaged. A failure to remove it goes with the cause.
     */
    static void removeUnfinished(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException notDeleted) {
            cause.addSuppressed(notDeleted);
        }
    }

    static void createOwnerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (Files.notExists(file)) {
                try {
                    if (posix) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    } else {
                        Files.createFile(file);
                    }
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // another opener won the race; the permission fix below still applies
                }
            }
            // The file holds the users' environments (tokens, passwords): nobody else may read it.
            if (posix && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (NoSuchFileException e) {
            throw new StoreException("cannot create " + file + ": directory " + file.getParent() + " does not exist", e);
        } catch (IOException e) {
            throw new StoreException("cannot create " + file + ": " + e, e);
        }
    }

    static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            int bytes = file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > SQLITE_MAX_PATH) {
                throw new StoreException("cannot open " + file + ": its path is " + bytes + " bytes, more than SQLite "
                        + "takes (" + SQLITE_MAX_PATH + "): use a TEND_HOME with a shorter path", e);
            }
            throw new StoreException("cannot open " + file + " as a SQLite database: " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
