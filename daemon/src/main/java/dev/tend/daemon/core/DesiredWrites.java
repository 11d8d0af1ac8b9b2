package dev.tend.daemon.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A request's desired state goes to the store before it changes in memory, all of it in one transaction: a stop
 * the user was told of is one the next daemon keeps, not "stopped" now and running again after the next daemon
 * start. A start the store cannot take (a full disk) fails with nothing changed; a stop still stops, and says it is
 * not saved ({@link #stop}). The writes are outside the core's lock
 * (a disk write never holds up the core) but one at a time, each with its change in memory, so the store's last
 * word for a service is always the memory's.
 */
final class DesiredWrites {
    private final StateStore store;
    private final ReentrantLock order = new ReentrantLock();

    DesiredWrites(StateStore store) {
        this.store = store;
    }

    /**
     * Saves that the services should run, then applies the start (in the core's lock, by {@code apply}).
     *
     * @param what what the request does, for its refusal ("start shop/web")
     * @throws SupervisorException FAILED, naming the store's failure, if it cannot be saved: then nothing changed
     */
    <T> T start(String what, Collection<Service> services, Supplier<T> apply) {
        order.lock();
        try {
            String problem = save(services, true);
            if (problem != null) {
                throw SupervisorException.failed("could not " + what + ": " + problem + "; nothing changed");
            }
            return apply.get();
        } finally {
            order.unlock();
        }
    }

    /**
     * Saves that the services should not run, then applies the stop whether or not it was saved: a stop is what a
     * user does about a full disk (the service that fills it), so it is never refused for want of room.
     *
     * @return null, or what to tell the user once the services are stopped: that the next daemon would start them
     */
    String stop(String what, Collection<Service> services, Runnable apply) {
        order.lock();
        try {
            String problem = save(services, false);
            apply.run();
            return problem == null ? null : what + ": done, but not saved (" + problem + "): a daemon started before "
                    + "that is fixed starts " + (services.size() == 1 ? "it" : "them") + " again";
        } finally {
            order.unlock();
        }
    }

    private String save(Collection<Service> services, boolean running) {
        Map<String, List<String>> byProject = new LinkedHashMap<>();
        for (Service svc : services) {
            byProject.computeIfAbsent(svc.project, p -> new ArrayList<>()).add(svc.name());
        }
        if (byProject.isEmpty()) {
            return null;
        }
        try {
            store.setDesired(byProject, running);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** What a request names: one service by its ref, more by their count. */
    static String what(String verb, Collection<Service> services) {
        return verb + " " + (services.size() == 1 ? services.iterator().next().ref() : services.size() + " services");
    }
}
