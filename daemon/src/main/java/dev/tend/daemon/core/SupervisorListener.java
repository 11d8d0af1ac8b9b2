package dev.tend.daemon.core;

import dev.tend.daemon.core.logs.LogLine;

import java.util.List;

/**
 * Receives the supervisor's events, all from one dispatcher thread, in the order they happened, never
 * while the supervisor's lock is held. State events carry the daemon-wide seq they were assigned (under
 * the lock); events already queued when a peer took {@link Supervisor#snapshot} may still arrive with a
 * seq at or below the snapshot's: drop those. Listeners must not block: they delay every later event.
 */
public interface SupervisorListener {

    default void serviceChanged(long seq, ServiceSnapshot service) {
    }

    /** The service was forgotten (removed by reload, or an ad-hoc service removed). */
    default void serviceRemoved(long seq, String project, String service) {
    }

    default void projectChanged(long seq, ProjectInfo project) {
    }

    /** The project was forgotten (`tend forget`); its services were removed just before. */
    default void projectRemoved(long seq, String project) {
    }

    /** Lines already written to the service's log file (disk first). */
    default void logAppended(String project, String service, List<LogLine> lines) {
    }
}
