package dev.tend.daemon.store;

import dev.tend.daemon.core.StateStore.ProjectRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DamagedDatabaseTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T17:30:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aGoodDatabaseOpensWithoutANotice() {
        Path db = dir.resolve("tend.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            store.putProject(new ProjectRecord("web", dir, dir.resolve("tend.yaml"), Map.of()));
        }
        DamagedDatabase.Opened opened = DamagedDatabase.open(db, CLOCK);
        try (SqliteStore store = opened.store()) {
            assertTrue(opened.notice().isEmpty());
            assertEquals(1, store.projects().size());
        }
    }

    @Test
    void anEmptiedDatabaseIsMovedAsideNotTakenForANewOne() throws Exception {
        Path db = Files.createFile(dir.resolve("tend.db"));
        DamagedDatabase.Opened opened = DamagedDatabase.open(db, CLOCK);
        opened.store().close();
        Path aside = dir.resolve("tend.db.damaged-20261204-173005");
        assertEquals(0, Files.size(aside), "kept as it was");
        assertTrue(opened.notice().orElseThrow().contains("(it was empty (0 bytes)): it was moved to " + aside),
                opened.notice().toString());
    }

    @Test
    void garbageIsMovedAsideKeptAndNeverOverwritesAnEarlierOne() throws Exception {
        Path db = dir.resolve("tend.db");
        byte[] garbage = "not sqlite at all ".repeat(512).getBytes();
        Files.write(db, garbage);
        DamagedDatabase.open(db, CLOCK).store().close();
        Files.write(db, garbage);
        DamagedDatabase.Opened second = DamagedDatabase.open(db, CLOCK);
        second.store().close();

        assertArrayEquals(garbage, Files.readAllBytes(dir.resolve("tend.db.damaged-20261204-173005")));
        assertArrayEquals(garbage, Files.readAllBytes(dir.resolve("tend.db.damaged-20261204-173005-2")));
        Files.write(db, garbage);
        DamagedDatabase.open(db, CLOCK).store().close();
        assertArrayEquals(garbage, Files.readAllBytes(dir.resolve("tend.db.damaged-20261204-173005-3")),
                "a third in the same second takes the next number");
        assertTrue(second.notice().orElseThrow().contains("it is not a SQLite database, or a corrupt one"));
    }

    @Test
    void aDatabaseOfANewerTendIsNoDamageAndStaysWhereItIs() throws Exception {
        Path db = dir.resolve("tend.db");
        List<Migration> newer = new java.util.ArrayList<>();
        for (int i = 0; i <= Schema.MIGRATIONS.size(); i++) { // one more than this tend knows
            newer.add(new Migration("step " + i, List.of("CREATE TABLE t" + i + " (x)")));
        }
        SqliteStore.open(db, newer, HistoryRetention.DEFAULT).close();

        StoreException e = assertThrows(StoreException.class, () -> DamagedDatabase.open(db, CLOCK));
        assertTrue(e.getMessage().contains("upgrade tend"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("damaged")));
        }
    }
}
