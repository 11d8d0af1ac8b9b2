package dev.tend.daemon.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Brings a database to the newest schema this code knows, all pending steps in one transaction. */
final class Migrator {

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private Migrator() {
    }

    /** @return the schema version the database had before */
    static int migrate(Connection connection, Path file, List<Migration> migrations) throws SQLException {
        int known = migrations.size();
        try (Statement statement = connection.createStatement()) {
            // IMMEDIATE takes the write lock before the version is read, so two openers cannot both migrate.
            statement.execute("BEGIN IMMEDIATE");
            try {
                int found = userVersion(statement);
                if (found > known) {
                    throw new StoreException(file + " has schema version " + found + ", this tend knows up to "
                            + known + ": upgrade tend");
                }
                for (int version = found; version < known; version++) {
                    for (String sql : migrations.get(version).statements()) {
                        statement.execute(sql);
                    }
                }
                if (found < known) {
                    // PRAGMA takes no bound parameters; known is an int, so formatting it in is safe.
                    statement.execute("PRAGMA user_version = " + known);
                }
                statement.execute("COMMIT");
                if (found < known) {
                    log.info("{}: schema migrated from version {} to {}", file, found, known);
                }
                return found;
            } catch (SQLException | RuntimeException e) {
                rollback(statement, e);
                throw e;
            }
        }
    }

    static int userVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void rollback(Statement statement, Exception cause) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
