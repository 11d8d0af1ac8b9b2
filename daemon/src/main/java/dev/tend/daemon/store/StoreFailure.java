package dev.tend.daemon.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/** The words for a store call SQLite refused: a full disk is said as such, whatever SQLite calls it. */
final class StoreFailure {

    /** Below this much room a transaction SQLite rolled back by itself is taken for one a full disk ended. */
    static final long LOW_ROOM_BYTES = 1 << 20;

    private StoreFailure() {
    }

    /** "no space left on device writing FILE (cannot WHAT)", else "FILE: cannot WHAT: SQLite's message". */
    static String words(Path file, String what, SQLException e) {
        if (fullDisk(e, () -> usableBytes(file))) {
            return "no space left on device writing " + file + " (cannot " + what + ")";
        }
        return file + ": cannot " + what + ": " + e.getMessage();
    }

    /**
     * SQLite says a full disk as SQLITE_FULL, or, when the disk filled while it spilled a transaction to its journal
     * and it rolled the transaction back by itself, only at the commit: "cannot commit - no transaction is active".
     * That one is told from its other causes by the room left on the file system.
     */
    static boolean fullDisk(SQLException e, LongSupplier usableBytes) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL
                || message.contains("disk is full")) {
            return true;
        }
        return message.contains("no transaction is active") && usableBytes.getAsLong() < LOW_ROOM_BYTES;
    }

    private static long usableBytes(Path file) {
        try {
            return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE; // unknown: not taken for a full disk
        }
    }
}
