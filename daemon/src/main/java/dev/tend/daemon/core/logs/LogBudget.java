package dev.tend.daemon.core.logs;

/**
 * How many lines of a log one message may carry, in bytes rather than lines, so a page or a log.appended always
 * fits the protocol's 1 MiB frame however long the lines are. A line costs the UTF-8 size of its text as a
 * JSON string (escapes counted, so a line of control characters costs up to six times its length) plus a fixed
 * allowance for the fields sent beside it (time, stream, project, service). Half a frame is the default, which
 * leaves the other half for the envelope and any miscounted allowance; a 64 KiB line of the worst characters
 * (384 KiB escaped) still fits a page on its own.
 *
 * @param bytes        the most a page may cost
 * @param lineOverhead what each line costs besides its text
 */
public record LogBudget(long bytes, int lineOverhead) {

    public static final long PAGE_BYTES = 512 * 1024;
    /** {"project":"","service":"","time":"2026-11-24T08:42:49.123Z","stream":"out","text":""}, with room to spare. */
    static final int FIELDS_BYTES = 128;
    /** ,"job":"" */
    static final int JOB_FIELD_BYTES = 16;

    public LogBudget {
        if (lineOverhead < 0 || bytes <= lineOverhead) {
            throw new IllegalArgumentException("log budget of " + bytes + " bytes cannot hold a line costing " + lineOverhead);
        }
    }

    /** The budget of pages and events of one service's log, whose lines each carry the two names. */
    public static LogBudget forService(String project, String service) {
        return new LogBudget(PAGE_BYTES, FIELDS_BYTES + encodedSize(project) + encodedSize(service));
    }

    /** The budget of pages of a job run's log, whose lines carry the project and the job's name twice (service, job). */
    public static LogBudget forJob(String project, String job) {
        return new LogBudget(PAGE_BYTES, FIELDS_BYTES + JOB_FIELD_BYTES + encodedSize(project) + 2 * encodedSize(job));
    }

    public long cost(LogLine line) {
        return lineOverhead + encodedSize(line.text());
    }

    /**
     * The line, or if it alone costs more than the whole budget (only possible with a large {@code logs.max_line}
     * or a file that is not a log), its text cut to fit and marked like the capture marks a cut line.
     */
    public LogLine fit(LogLine line) {
        if (cost(line) <= bytes) {
            return line;
        }
        String text = line.text();
        String marker = " [tend: line cut to fit a message, %d characters not shown]";
        long room = bytes - lineOverhead - encodedSize(marker) - 20;
        int keep = 0;
        long used = 0;
        while (keep < text.length()) {
            int cp = text.codePointAt(keep);
            int size = encodedSize(cp);
            if (used + size > room) {
                break;
            }
            used += size;
            keep += Character.charCount(cp);
        }
        return new LogLine(line.time(), line.stream(), text.substring(0, keep) + String.format(marker, text.length() - keep));
    }

    /** Bytes of the text as a JSON string's content: UTF-8, with '"', '\\' and control characters escaped. */
    public static int encodedSize(String text) {
        int size = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            size += encodedSize(cp);
            i += Character.charCount(cp);
        }
        return size;
    }

    private static int encodedSize(int cp) {
        if (cp < 0x20) {
            return 6; // \\u00XX; some have two-character forms, six is the most any takes
        }
        if (cp == '"' || cp == '\\') {
            return 2;
        }
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        if (cp < 0x10000) {
            return Character.isSurrogate((char) cp) ? 6 : 3; // a lone surrogate may be written escaped
        }
        return 4;
    }
}
