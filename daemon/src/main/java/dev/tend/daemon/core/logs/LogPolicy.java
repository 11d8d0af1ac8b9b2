package dev.tend.daemon.core.logs;

/**
 * Size limits of a service's log.
 *
 * @param maxFileBytes a log file is rotated before a line would take it past this size (a single line longer than
 *                     the cap still goes whole into a file of its own: lines are never split)
 * @param files        how many files are kept, the live one included: {@code name.log}, {@code name.log.1} (newest
 *                     rotated) ... {@code name.log.<files-1>}
 * @param maxLineBytes longer lines are cut at this many input bytes and marked (see {@link LogFormat#cutMarker})
 */
public record LogPolicy(long maxFileBytes, int files, int maxLineBytes) {

    public static final LogPolicy DEFAULTS = new LogPolicy(10L * 1024 * 1024, 5, 64 * 1024);

    public LogPolicy {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("log file size cap must be at least 1 byte, got " + maxFileBytes);
        }
        if (files < 1) {
            throw new IllegalArgumentException("log file count must be at least 1, got " + files);
        }
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("log line limit must be at least 16 bytes, got " + maxLineBytes);
        }
    }
}
