package dev.tend.daemon.core.logs;

import java.util.List;

/**
 * Lines read from a log and where to resume.
 *
 * @param next the point after the last line read (including lines that the filters skipped)
 * @param gap  true if lines between the requested position and the first line returned were rotated away
 */
public record LogPage(List<LogLine> lines, LogPosition next, boolean gap) {

    public LogPage {
        lines = List.copyOf(lines);
    }
}
