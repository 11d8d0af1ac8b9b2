package dev.tend.daemon.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * tend.db deleted under a running daemon (an `rm -rf` of the state directory, a clean-up script): SQLite goes on
 * writing into the deleted file, and the next daemon would find nothing, not even the records of the children it
 * must reap. The open connection still holds every row, so the file is written again from it (VACUUM INTO) and
 * the store goes on with the new file. Only a missing file: one replaced by another is left to whoever put it there.
 */
final class DeletedDatabase {
    private static final Logger log = LoggerFactory.getLogger(DeletedDatabase.class);
    /** After a failed try, this many uses of the store go by before the next: each try writes the whole database. */
    static final int USES_BETWEEN_TRIES = 1000;

    private final Path file;
    private int usesToSkip;

    DeletedDatabase(Path file) {
        this.file = file;
    }

    /**
     * Before a use of the store (under its lock, outside a transaction): the connection to go on with. The same one
     * while the file is there, or when it cannot be made again (it goes on writing into the deleted file, as before,
     * and the next tries come later); else one to the file written again from it, which replaces it.
     */
    Connection check(Connection current) {
        if (!Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) { // one stat; a path that cannot be looked at is there
            return current;
        }
        if (usesToSkip > 0) {
            usesToSkip--;
            return current;
        }
        try {
            return remake(current);
        } catch (SQLException | RuntimeException e) {
            usesToSkip = USES_BETWEEN_TRIES;
            log.warn("{} was deleted while the daemon ran and cannot be written again ({}): the daemon goes on with "
                    + "what it has open; the next daemon will not know what this one knew", file, e.getMessage());
            return current;
        }
    }

    /** Writes what the connection holds to the file, made again (0600, in a 0700 directory if that went too). */
    private Connection remake(Connection old) throws SQLException {
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new SQLException("cannot make " + file.getParent() + " again: " + e.getMessage(), e);
        }
        SqliteStore.createOwnerOnly(file); // empty, as VACUUM INTO wants it, and private before a row is in it
        Connection fresh;
        try {
            try (PreparedStatement vacuum = old.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, file.toString());
                vacuum.execute();
            }
            fresh = SqliteStore.connect(file);
        } catch (SQLException | RuntimeException e) {
            SqliteStore.removeUnfinished(file, e); // also so that a later try sees the file gone
            throw e;
        }
        try {
            old.close();
        } catch (SQLException e) {
            log.debug("closing the connection to the deleted {} failed", file, e);
        }
        log.warn("{} was deleted while the daemon ran: written again from what the daemon holds", file);
        return fresh;
    }
}
