package dev.tend.daemon.core;

import dev.tend.daemon.core.logs.LogLine;

import java.util.List;

/**
 * Receives the supervisor's events, all from one dispatcher thread, in the order they happened, never
 * while the supervisor's lock is held. A listener added under the lock together with a {@link Supervisor#snapshot}
 * hears exactly the changes after it. Events carry no seq: the event bus numbers them, once, for the whole daemon.
 * Listeners must not block: they delay every later event.
 */
public interface SupervisorListener {

    default void serviceChanged(ServiceSnapshot service) {
    }

    /** The service was forgotten (removed by reload, or an ad-hoc service removed). */
    default void serviceRemoved(String project, String service) {
    }

    default void projectChanged(ProjectInfo project) {
    }

    /** The project was forgotten (`tend forget`); its services were removed just before. */
    default void projectRemoved(String project) {
    }

    /** Lines already written to the service's log file (disk first). */
    default void logAppended(String project, String service, List<LogLine> lines) {
    }
}
