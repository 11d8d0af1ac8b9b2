package dev.tend.daemon.store;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.StateStore.ProjectRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationTest {

    private static final ProjectRecord WEB = new ProjectRecord("web", Path.of("/src/web"), Path.of("/src/web/tend.yaml"), Map.of());

    @TempDir
    Path dir;

    private Path dbFile() {
        return dir.resolve("tend.db");
    }

    private int userVersion() throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
             Statement statement = raw.createStatement()) {
            return Migrator.userVersion(statement);
        }
    }

    private void setUserVersion(int version) throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
             Statement statement = raw.createStatement()) {
            statement.execute("PRAGMA user_version = " + version);
        }
    }

    private List<String> tables() throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    @Test
    void emptyFileIsMigratedToTheCurrentSchema() throws Exception {
        Files.createFile(dbFile());

        try (SqliteStore store = SqliteStore.open(dbFile())) {
            store.putProject(WEB);
            assertEquals(List.of(WEB), store.projects());
        }

        assertEquals(Schema.MIGRATIONS.size(), userVersion());
        assertEquals(List.of("adhoc_jobs", "adhoc_services", "desired_state", "history", "job_anchors", "job_queue", "job_runs",
                "live_children", "projects", "scales"), tables());
    }

    @Test
    void migrateAnswersTheVersionItFound() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile())) {
            assertEquals(0, Migrator.migrate(raw, dbFile(), Schema.MIGRATIONS));
            assertEquals(Schema.MIGRATIONS.size(), Migrator.migrate(raw, dbFile(), Schema.MIGRATIONS));
        }
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsDataAndVersion() throws Exception {
        try (SqliteStore store = SqliteStore.open(dbFile())) {
            store.putProject(WEB);
        }

        // The first step's CREATE TABLE statements would fail if they ran a second time.
        try (SqliteStore store = SqliteStore.open(dbFile())) {
            assertEquals(List.of(WEB), store.projects());
        }
        assertEquals(Schema.MIGRATIONS.size(), userVersion());
    }

    @Test
    void databaseFromANewerTendIsRefused() throws Exception {
        SqliteStore.open(dbFile()).close();
        setUserVersion(Schema.MIGRATIONS.size() + 1);

        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dbFile()));

        int newer = Schema.MIGRATIONS.size() + 1;
        assertEquals(dbFile() + " has schema version " + newer + ", this tend knows up to " + Schema.MIGRATIONS.size()
                + ": upgrade tend", e.getMessage());
        assertEquals(newer, userVersion());
    }

    @Test
    void liveChildRecordedBeforeRunTokensReadsWithoutOne() throws Exception {
        SqliteStore.open(dbFile(), Schema.MIGRATIONS.subList(0, 2), HistoryRetention.DEFAULT).close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
             Statement statement = raw.createStatement()) {
            statement.execute("INSERT INTO live_children (project, service, pid, start_time_millis) VALUES ('web', 'server', 42, 1000)");
        }

        try (SqliteStore store = SqliteStore.open(dbFile())) {
            assertEquals(List.of(new LiveChild("web", "server", 42, Instant.ofEpochMilli(1000), null)),
                    store.liveChildren());
            store.putLiveChild(new LiveChild("web", "server", 43, Instant.ofEpochMilli(2000),
                    "0123456789abcdef0123456789abcdef"));
            assertEquals("0123456789abcdef0123456789abcdef", store.liveChildren().get(1).runToken());
        }
        assertEquals(Schema.MIGRATIONS.size(), userVersion());
    }

    @Test
    void newStepIsAppliedToADatabaseOfTheOlderVersion() throws Exception {
        try (SqliteStore store = SqliteStore.open(dbFile())) {
            store.putProject(WEB);
        }
        List<Migration> withNextStep = new ArrayList<>(Schema.MIGRATIONS);
        withNextStep.add(new Migration("notes", List.of("CREATE TABLE notes (text TEXT NOT NULL)")));

        try (SqliteStore store = SqliteStore.open(dbFile(), withNextStep, HistoryRetention.DEFAULT)) {
            assertEquals(List.of(WEB), store.projects());
        }

        assertEquals(withNextStep.size(), userVersion());
        assertTrue(tables().contains("notes"), tables().toString());
    }

    @Test
    void failingStepLeavesTheDatabaseAsItWas() throws Exception {
        SqliteStore.open(dbFile()).close();
        List<Migration> withBrokenStep = new ArrayList<>(Schema.MIGRATIONS);
        withBrokenStep.add(new Migration("half-done", List.of("CREATE TABLE notes (text TEXT)", "THIS IS NOT SQL")));

        StoreException e = assertThrows(StoreException.class,
                () -> SqliteStore.open(dbFile(), withBrokenStep, HistoryRetention.DEFAULT));

        assertTrue(e.getMessage().contains("cannot migrate"), e.getMessage());
        assertEquals(Schema.MIGRATIONS.size(), userVersion());
        assertFalse(tables().contains("notes"), tables().toString());
        try (SqliteStore store = SqliteStore.open(dbFile())) {
            assertEquals(List.of(), store.projects());
        }
    }
}
