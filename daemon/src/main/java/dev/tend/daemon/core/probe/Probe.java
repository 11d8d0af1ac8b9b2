package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.logs.LogLine;

import java.util.List;

/** One readiness check of a service; {@link ProbeRunner} repeats it until it passes or times out. */
public interface Probe {

    /** One attempt; may block for about the probe interval at most. Throwing counts as not ready. */
    boolean check() throws Exception;

    /** Log lines of the service as they are captured; true if they make the service ready at once. */
    default boolean onLines(List<LogLine> lines) {
        return false;
    }

    /**
     * Why the last {@link #check} that returned false failed ("HTTP 503", "Connection refused", "exited 1"), or null
     * if it cannot say. Read after the check, by the thread that ran it.
     */
    default String lastProblem() {
        return null;
    }

    /** What it checks, for messages: "tcp 127.0.0.1:5432". */
    String describe();
}
