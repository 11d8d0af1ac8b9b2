package dev.tend.daemon.store;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full disk is said as such, however SQLite reports it. */
class FullDiskWordsTest {
    private static final SQLException ROLLED_BACK = new SQLiteException(
            "[SQLITE_ERROR] SQL error or missing database (cannot commit - no transaction is active)",
            SQLiteErrorCode.SQLITE_ERROR);

    @Test
    void sqliteFullIsAFullDisk() {
        assertTrue(StoreFailure.fullDisk(new SQLiteException("[SQLITE_FULL] database or disk is full",
                SQLiteErrorCode.SQLITE_FULL), () -> Long.MAX_VALUE));
    }

    @Test
    void aCommitSqliteRolledBackByItselfIsAFullDiskWhenTheDiskHasNoRoom() {
        assertTrue(StoreFailure.fullDisk(ROLLED_BACK, () -> 4096));
        assertTrue(StoreFailure.fullDisk(ROLLED_BACK, () -> StoreFailure.LOW_ROOM_BYTES - 1));
        assertFalse(StoreFailure.fullDisk(ROLLED_BACK, () -> StoreFailure.LOW_ROOM_BYTES));
    }

    @Test
    void eitherSqlitesCodeOrItsWordsSayAFullDisk() {
        assertTrue(StoreFailure.fullDisk(new SQLiteException("[SQLITE_FULL] Insertion failed because database is full",
                SQLiteErrorCode.SQLITE_FULL), () -> Long.MAX_VALUE));
        assertTrue(StoreFailure.fullDisk(new SQLException("database or disk is full"), () -> Long.MAX_VALUE));
        assertFalse(StoreFailure.fullDisk(new SQLException("no such table: x"), () -> 0));
    }

    @Test
    void aCommitSqliteRolledBackByItselfWithRoomLeftIsSaidAsSqliteSaysIt() {
        assertFalse(StoreFailure.fullDisk(ROLLED_BACK, () -> 10L << 30));
        assertFalse(StoreFailure.fullDisk(new SQLiteException("[SQLITE_BUSY] database is locked",
                SQLiteErrorCode.SQLITE_BUSY), () -> 0));
    }
}
