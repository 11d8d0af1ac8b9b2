package dev.tend.daemon.store;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A tend.db that cannot be used as it is (emptied, overwritten with garbage, not a readable file) is moved aside,
 * never deleted: the daemon starts on a new one and says where the old one went, so that nothing is lost silently
 * and nothing blocks every command for ever. A full disk or a newer schema is no damage: those stop the start-up.
 */
public final class DamagedDatabase {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private DamagedDatabase() {
    }

    /** The store, and what the user must be told about a database set aside (empty if none was). */
    public record Opened(SqliteStore store, Optional<String> notice) {
    }

    /** Opens the database; a damaged one is moved aside first and a new one made. */
    public static Opened open(Path dbFile, Clock clock) {
        Path file = dbFile.toAbsolutePath();
        String damage = emptyButExisting(file) ? "it was empty (0 bytes)" : null;
        if (damage == null) {
            try {
                return new Opened(SqliteStore.open(file), Optional.empty());
            } catch (StoreException e) {
                damage = damage(file, e);
                if (damage == null) {
                    throw e;
                }
            }
        }
        Path aside = setAside(file, clock);
        SqliteStore fresh = SqliteStore.open(file);
        return new Opened(fresh, Optional.of("the state database " + file + " could not be used (" + damage
                + "): it was moved to " + aside + " and a new one made; registered projects and ad-hoc services are "
                + "forgotten, run `tend up` in each project again"));
    }

    /**
     * A 0-byte file that existed before this start: SQLite would take it for a new database and every project
     * would be forgotten without a word. (A new database is never empty once opened: its schema is written at once.)
     */
    private static boolean emptyButExisting(Path file) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == 0
                    && !(Files.exists(wal(file)) && Files.size(wal(file)) > 0);
        } catch (IOException e) {
            return false;
        }
    }

    /** Why the file is damaged, or null if the failure is not the file's fault (full disk, newer schema). */
    private static String damage(Path file, StoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
                    return "it is not a SQLite database, or a corrupt one";
                }
                if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_PERM
                        || code == SQLiteErrorCode.SQLITE_AUTH) {
                    return Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)
                            ? "it is not a regular file" : Files.exists(file) && !Files.isReadable(file)
                            ? "it cannot be read" : null;
                }
                return null;
            }
        }
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)
                ? "it is not a regular file" : null;
    }

    /** Moves the file (and its -wal and -shm) to a new name beside it; never overwrites an earlier one. */
    private static Path setAside(Path file, Clock clock) {
        String base = file.getFileName() + ".damaged-" + STAMP.format(clock.instant());
        Path aside = file.resolveSibling(base);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        try {
            Files.move(file, aside);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot move the damaged " + file + " aside: " + e.getMessage(), e);
        }
        return aside;
    }

    private static Path wal(Path file) {
        return file.resolveSibling(file.getFileName() + "-wal");
    }
}
