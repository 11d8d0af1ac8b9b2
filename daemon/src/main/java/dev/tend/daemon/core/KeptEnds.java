package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;

/**
 * The ends a service keeps for the daemons that follow (StateStore.ServiceMemory): `failed`, so the next daemon does
 * not crash-loop it again, and a task done (completed with 0), so the next one in this boot does not run it again.
 * Written after the lock, on every change into or out of those states, except the daemon's own shutdown leaving them.
 */
final class KeptEnds {
    private final StateStore store;

    KeptEnds(StateStore store) {
        this.store = store;
    }

    /** The service goes from its current state to {@code next} (with that reason). Under the lock. */
    void changing(Service svc, ServiceState next, String reason, boolean shuttingDown, Tx<Service> tx) {
        String project = svc.project;
        String name = svc.name();
        if (next == ServiceState.FAILED || (svc.state == ServiceState.FAILED && !shuttingDown)) {
            String failed = next == ServiceState.FAILED ? reason : null;
            tx.after(() -> store.setFailed(project, name, failed));
        }
        if (next == ServiceState.COMPLETED || (svc.state == ServiceState.COMPLETED && !shuttingDown)) {
            boolean done = next == ServiceState.COMPLETED && svc.endedWell;
            tx.after(() -> store.setCompleted(project, name, done));
        }
    }
}
