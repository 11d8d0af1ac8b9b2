package dev.tend.daemon.core.logs;

import java.util.List;

/**
 * Lines read from a log and where to resume.
 *
 * @param next the point after the last line read (including lines that the filters skipped)
 * @param gap  true if lines between the requested position and the first line returned were rotated away
 * @param more true if the read stopped at its limit before the end of the log (or before the bound it was given):
 *             reading after {@code next} goes on
 * @param end  how far the read could go: the end of the log when it was read, or the bound it was given; a reader
 *             that must finish passes a first page's end as the bound of the pages after it
 */
public record LogPage(List<LogLine> lines, LogPosition next, boolean gap, boolean more, LogPosition end) {

    public LogPage {
        lines = List.copyOf(lines);
    }

    /** Nothing read from a log that does not exist yet. */
    public static LogPage empty() {
        return new LogPage(List.of(), LogPosition.START, false, false, LogPosition.START);
    }
}
