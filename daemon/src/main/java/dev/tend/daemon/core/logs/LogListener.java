package dev.tend.daemon.core.logs;

import java.util.List;

/**
 * Receives lines right after they were written to the log file, on the capture thread. It must return quickly
 * (hand the lines to a queue): while it runs, the child's pipe is not read. What it throws is logged and ignored.
 */
@FunctionalInterface
public interface LogListener {

    void onLines(List<LogLine> lines);
}
