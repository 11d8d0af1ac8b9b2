package dev.tend.daemon.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The port of a `port: auto` service at a start: the one kept from an earlier start if it is still free, else a new
 * free one (with a warning if one was kept). The choice is kept for the next start, and the next daemon.
 */
final class AutoPorts {

    private static final Logger log = LoggerFactory.getLogger(AutoPorts.class);

    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final StateStore store;
    private final ServiceHistory history;

    AutoPorts(SerialState<SupervisorListener, Service> serial, ProjectRegistry projects, StateStore store,
              ServiceHistory history) {
        this.serial = serial;
        this.projects = projects;
        this.store = store;
        this.history = history;
    }

    /** Called on a worker, without the lock, as the service's run is launched. */
    int pick(Service svc, int kept) throws IOException {
        int port;
        try {
            port = serial.locked(tx -> choose(svc, kept));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (port == kept) {
            return kept;
        }
        if (kept > 0) {
            String why = "port " + kept + " is taken by another process; now using " + port;
            log.warn("{}/{}: {}", svc.project, svc.name(), why);
            history.record(svc.project, svc.name(), "port", 0, null, null, why);
        }
        store.setPort(svc.project, svc.name(), port);
        return port;
    }

    /**
     * Under the lock. Chosen and kept in one locked step: the OS knows nothing of a port given to a service that does not listen yet
     * (or never does), and launches run side by side, so each must see the others' choices.
     */
    private int choose(Service svc, int kept) {
        Set<Integer> given = new HashSet<>();
        for (Service other : projects.allServices()) {
            if (other != svc) {
                given.add(other.port);
                given.add(other.keptPort);
                given.add(other.spec.port());
            }
        }
        int chosen = kept > 0 && !given.contains(kept) && Ports.isFree(kept) ? kept : Ports.free(given);
        svc.keptPort = chosen;
        return chosen;
    }
}
