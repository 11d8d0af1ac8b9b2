package dev.tend.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What open does to the file on disk. */
class StoreFileTest {

    @TempDir
    Path dir;

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    }

    @Test
    void newDatabaseFileIsReadableByItsOwnerOnly() throws Exception {
        assumePosix();
        Path dbFile = dir.resolve("tend.db");

        try (SqliteStore store = SqliteStore.open(dbFile)) {
            store.setDesired("web", "server", true);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dbFile)));
            Path wal = dir.resolve("tend.db-wal");
            assertTrue(Files.exists(wal), "WAL file should exist while open");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(wal)));
        }
    }

    @Test
    void aDatabaseFileDeletedWhileOpenIsWrittenAgainWithAllItHeldAtTheNextUse() throws Exception {
        assumePosix();
        Path state = dir.resolve("state");
        Path dbFile = state.resolve("tend.db");
        Files.createDirectory(state);
        try (SqliteStore store = SqliteStore.open(dbFile)) {
            store.setDesired("web", "server", true);
            try (Stream<Path> all = Files.walk(state)) { // rm -rf of the state directory under the daemon
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            store.setDesired("web", "worker", false);
            assertEquals(Map.of("web", Map.of("server", true, "worker", false)), store.desired());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dbFile)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
            Files.delete(dbFile); // once more: the new file is watched as the first was
            store.setDesired("web", "cron", true);
        }
        try (SqliteStore reopened = SqliteStore.open(dbFile)) {
            assertEquals(Map.of("web", Map.of("server", true, "worker", false, "cron", true)), reopened.desired(),
                    "what the next daemon reads");
        }
    }

    @Test
    void aDeletedDatabaseThatCannotBeWrittenAgainLeavesTheStoreWorkingOnWhatItHasOpen() throws Exception {
        Path state = dir.resolve("state");
        Path dbFile = state.resolve("tend.db");
        Files.createDirectory(state);
        try (SqliteStore store = SqliteStore.open(dbFile)) {
            store.setDesired("web", "server", true);
            try (Stream<Path> all = Files.walk(state)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.writeString(state, "in the way"); // the directory cannot be made again

            store.setDesired("web", "worker", false);
            assertEquals(Map.of("web", Map.of("server", true, "worker", false)), store.desired(), "it goes on");
            for (int i = 0; i < DeletedDatabase.USES_BETWEEN_TRIES + 2; i++) {
                store.desired(); // tried again now and then, not at every use
            }
            assertTrue(Files.isRegularFile(state));
        }
    }

    @Test
    void aPathTooLongForSqliteIsSaidSoAndLeavesNoEmptyFileToBeTakenForDamageLater() throws Exception {
        Path deep = dir;
        while (deep.toString().length() < 560) {
            deep = deep.resolve("d".repeat(50));
        }
        Files.createDirectories(deep);
        Path dbFile = deep.resolve("tend.db");

        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dbFile));

        assertTrue(e.getMessage().contains("its path is " + dbFile.toString().length() + " bytes, more than SQLite "
                + "takes (512): use a TEND_HOME with a shorter path"), e.getMessage());
        assertFalse(Files.exists(dbFile), "the empty file made for it is gone again");
    }

    @Test
    void existingDatabaseFileReadableByOthersIsTightened() throws Exception {
        assumePosix();
        Path dbFile = dir.resolve("tend.db");
        SqliteStore.open(dbFile).close();
        Files.setPosixFilePermissions(dbFile, PosixFilePermissions.fromString("rw-r--r--"));

        SqliteStore.open(dbFile).close();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dbFile)));
    }

    @Test
    void databaseUsesWriteAheadLogging() throws Exception {
        Path dbFile = dir.resolve("tend.db");
        SqliteStore.open(dbFile).close();

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertEquals("wal", rows.getString(1));
        }
    }

    @Test
    void fileThatIsNotADatabaseIsRefusedWithItsPath() throws Exception {
        Path dbFile = dir.resolve("tend.db");
        Files.writeString(dbFile, "this is a text file, not a database, and it is long enough to have a header.\n".repeat(20));

        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dbFile));

        assertTrue(e.getMessage().contains(dbFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
    }

    @Test
    void anOpenThatFailsLeavesNoDescriptorOfTheFileOpen() throws Exception {
        Path garbage = dir.resolve("garbage.db");
        Files.writeString(garbage, "this is a text file, not a database, and it is long enough to have a header.\n".repeat(20));
        assertThrows(StoreException.class, () -> SqliteStore.open(garbage));
        assertEquals(0, descriptorsOf(garbage), "a store that cannot migrate the file closes it");

        Path newer = dir.resolve("newer.db");
        List<Migration> oneMore = new ArrayList<>();
        for (int i = 0; i <= Schema.MIGRATIONS.size(); i++) {
            oneMore.add(new Migration("step " + i, List.of("CREATE TABLE t" + i + " (x)")));
        }
        SqliteStore.open(newer, oneMore, HistoryRetention.DEFAULT).close();
        assertThrows(StoreException.class, () -> SqliteStore.open(newer));
        assertEquals(0, descriptorsOf(newer), "a store that refuses a newer schema closes the file");
    }

    /** How many of this JVM's open descriptors point at the file (the daemon would hold them for its life). */
    private static long descriptorsOf(Path file) throws Exception {
        Path real = file.toRealPath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (Exception gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void pathWithSpacesAndPercentSignsWorks() throws Exception {
        Path odd = Files.createDirectories(dir.resolve("my state %20 dir"));
        try (SqliteStore store = SqliteStore.open(odd.resolve("tend.db"))) {
            store.setDesired("web", "server", true);
        }
        try (SqliteStore store = SqliteStore.open(odd.resolve("tend.db"))) {
            assertEquals(Map.of("web", Map.of("server", true)), store.desired());
        }
        assertTrue(Files.size(odd.resolve("tend.db")) > 0);
    }

    @Test
    void missingDirectoryIsNamedInTheError() {
        Path dbFile = dir.resolve("no-such-dir").resolve("tend.db");

        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dbFile));

        assertTrue(e.getMessage().contains("directory " + dir.resolve("no-such-dir") + " does not exist"), e.getMessage());
        assertFalse(Files.exists(dbFile));
    }
}
