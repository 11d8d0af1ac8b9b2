package dev.tend.daemon.core.logs;

import java.util.List;

/**
 * Lines read from a log and where to resume.
 *
 * @param next the point after the last line read (including lines that the filters skipped)
 * @param gap  true if lines between the requested position and the first line returned were rotated away
 * @param more true if the read stopped at its limit before the end of the log: reading after {@code next} goes on
 */
public record LogPage(List<LogLine> lines, LogPosition next, boolean gap, boolean more) {

    public LogPage {
        lines = List.copyOf(lines);
    }

    public LogPage(List<LogLine> lines, LogPosition next, boolean gap) {
        this(lines, next, gap, false);
    }
}
