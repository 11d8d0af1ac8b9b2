package dev.tend.daemon.core;

import dev.tend.daemon.core.health.AliveStatus;

import java.time.Instant;

/**
 * An immutable view of one service, as peers see it.
 *
 * @param pid       0 when no process
 * @param restarts  automatic restarts since the service was last started by hand
 * @param exitCode  of the last run, null if it has not ended (or was killed by a signal)
 * @param signal    "SIGKILL" when the last run was killed by a signal, else null
 * @param startedAt when the current (or last) process started, null if never
 * @param port      the port exported as PORT (auto or fixed), 0 if none
 * @param reason    why it is in its state, for people ("waiting for db", "restarting in 4s"), or null
 * @param desired   whether the user wants it running (survives daemon restarts)
 * @param alive     how its liveness checks stand, or null: no liveness probe, or not checking (not ready yet)
 * @param labels    its description and namespace (never null)
 */
public record ServiceSnapshot(
        String project,
        String name,
        ServiceState state,
        long pid,
        int restarts,
        Integer exitCode,
        String signal,
        Instant startedAt,
        Instant stateSince,
        double cpuPercent,
        long rssBytes,
        int port,
        String reason,
        boolean desired,
        AliveStatus alive,
        ServiceLabels labels) {

    public ServiceSnapshot {
        labels = labels == null ? ServiceLabels.NONE : labels;
    }

    /** Without labels. */
    public ServiceSnapshot(String project, String name, ServiceState state, long pid, int restarts, Integer exitCode,
                           String signal, Instant startedAt, Instant stateSince, double cpuPercent, long rssBytes,
                           int port, String reason, boolean desired, AliveStatus alive) {
        this(project, name, state, pid, restarts, exitCode, signal, startedAt, stateSince, cpuPercent, rssBytes, port,
                reason, desired, alive, ServiceLabels.NONE);
    }

    /** Without liveness checks. */
    public ServiceSnapshot(String project, String name, ServiceState state, long pid, int restarts, Integer exitCode,
                           String signal, Instant startedAt, Instant stateSince, double cpuPercent, long rssBytes,
                           int port, String reason, boolean desired) {
        this(project, name, state, pid, restarts, exitCode, signal, startedAt, stateSince, cpuPercent, rssBytes, port,
                reason, desired, null);
    }

    public ServiceSnapshot withUsage(double cpuPercent, long rssBytes) {
        return new ServiceSnapshot(project, name, state, pid, restarts, exitCode, signal, startedAt, stateSince,
                cpuPercent, rssBytes, port, reason, desired, alive, labels);
    }
}
