package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.HistoryRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** Writes what happened to a service into its history; a write that fails is logged, never thrown at the caller. */
final class ServiceHistory {

    private static final Logger log = LoggerFactory.getLogger(ServiceHistory.class);

    private final StateStore store;
    private final Clock clock;

    ServiceHistory(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void record(String project, String service, String kind, long pid, Integer code, String signal, String reason) {
        try {
            store.appendHistory(new HistoryRecord(project, service, clock.instant(), kind, pid, code, signal, reason));
        } catch (RuntimeException e) {
            log.warn("could not record history of {}/{} ({}): {}", project, service, kind, e.toString());
        }
    }
}
