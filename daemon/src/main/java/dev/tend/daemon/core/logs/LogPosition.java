package dev.tend.daemon.core.logs;

/**
 * A point in a service's log between two lines, to resume reading after it with no gap and no duplicate
 * ({@link LogReader#readAfter}). Survives rotation and daemon restarts, because it names a physical file rather
 * than a path: rotation renames files, which keeps their identity.
 *
 * <p>A file is identified by its {@code fileKey} (device and inode) together with {@code head}, a CRC-32 of the
 * file's first bytes (up to 64, or up to its first '\n'), since a deleted rotation's inode may be reused by a new
 * file. {@code head} is -1 when the file was too short to tell; then the key alone decides. {@code offset} is the
 * byte offset in that file just after a line's '\n'.
 *
 * <p>{@link #token()} is the opaque string for the wire; {@link #parse} reads it back.
 */
public record LogPosition(String fileKey, long head, long offset) {

    /** Before the first line: reading after it returns everything that is kept. */
    public static final LogPosition START = new LogPosition(null, -1, 0);

    public LogPosition {
        if (offset < 0) {
            throw new IllegalArgumentException("log position offset must not be negative, got " + offset);
        }
        if (fileKey == null && offset != 0) {
            throw new IllegalArgumentException("log position without a file must have offset 0, got " + offset);
        }
    }

    /** "offset:head:fileKey", or "start". */
    public String token() {
        return fileKey == null ? "start" : offset + ":" + head + ":" + fileKey;
    }

    public static LogPosition parse(String token) {
        if ("start".equals(token)) {
            return START;
        }
        String[] parts = token == null ? new String[0] : token.split(":", 3);
        if (parts.length == 3 && !parts[2].isEmpty()) {
            try {
                return new LogPosition(parts[2], Long.parseLong(parts[1]), Long.parseLong(parts[0]));
            } catch (IllegalArgumentException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("bad log position '" + token
                + "': expected a token returned by a previous read, or 'start'");
    }

    @Override
    public String toString() {
        return token();
    }
}
