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

    private DeletedDatabase() {
    }

    /** One stat; a path that cannot be looked at counts as there. */
    static boolean gone(Path file) {
        return Files.notExists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Writes what the connection holds to the file, made again (0600, in a 0700 directory if that went too), and
     * returns a connection to it; the old one is closed. Not inside a transaction.
     */
    static Connection remake(Connection old, Path file) throws SQLException {
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new SQLException("cannot make " + file.getParent() + " again: " + e.getMessage(), e);
        }
        SqliteStore.createOwnerOnly(file); // empty, as VACUUM INTO wants it, and private before a row is in it
        try (PreparedStatement vacuum = old.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, file.toString());
            vacuum.execute();
        }
        Connection fresh = SqliteStore.connect(file);
        try {
            old.close();
        } catch (SQLException e) {
            log.debug("closing the connection to the deleted {} failed", file, e);
        }
        log.warn("{} was deleted while the daemon ran: written again from what the daemon holds", file);
        return fresh;
    }
}
