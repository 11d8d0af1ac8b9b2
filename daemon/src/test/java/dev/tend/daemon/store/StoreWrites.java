package dev.tend.daemon.store;

/**
 * Makes a real store refuse every write, as a full or read-only disk does: SQLite's own {@code query_only} on the
 * store's connection, so each write fails in SQLite (SQLITE_READONLY) and reads go on.
 */
public final class StoreWrites {
    private StoreWrites() {
    }

    public static void refuse(SqliteStore store) {
        pragma(store, "PRAGMA query_only = ON");
    }

    public static void allow(SqliteStore store) {
        pragma(store, "PRAGMA query_only = OFF");
    }

    private static void pragma(SqliteStore store, String sql) {
        store.locked("set " + sql, connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }
}
