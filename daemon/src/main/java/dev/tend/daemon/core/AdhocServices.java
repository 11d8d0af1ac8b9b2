package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.AdhocRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tend.daemon.core.Supervisor.ADHOC;

/**
 * The services of project "adhoc", started with {@code tend run}: added and removed one by one, and kept in the
 * store so that they come back with the next daemon. Starting and stopping them is the state machine's.
 */
final class AdhocServices {

    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final StateStore store;
    private final Clock clock;
    private final ServiceMachine machine;

    AdhocServices(SerialState<SupervisorListener, Service> serial, ProjectRegistry projects, StateStore store,
                  Clock clock, ServiceMachine machine) {
        this.serial = serial;
        this.projects = projects;
        this.store = store;
        this.clock = clock;
        this.machine = machine;
    }

    /**
     * Adds the service (not started) and puts it on record.
     *
     * @throws SupervisorException CONFLICT if an ad-hoc service of that name exists; FAILED if it cannot be
     *                             recorded (then it is not added either)
     */
    Service add(String name, String command, Path cwd, Map<String, String> env, RestartMode restart) {
        ServiceSpec spec = ServiceSpec.adhoc(name, command, cwd, env, restart);
        Service svc = serial.locked(tx -> {
            Project p = projects.adhoc();
            if (p.services.containsKey(name)) {
                throw SupervisorException.conflict("an ad-hoc service named '" + name + "' already exists; "
                        + "remove it first ('tend rm " + name + "') or choose another --name");
            }
            Service s = new Service(ADHOC, spec, clock.instant());
            p.services.put(name, s);
            machine.emit(s);
            machine.emitProject(p);
            return s;
        });
        try {
            store.putAdhoc(new AdhocRecord(name, command, cwd, Map.copyOf(env), restart));
        } catch (RuntimeException e) {
            // Not on record, so not registered at all: memory and disk agree, and the user hears why.
            serial.locked(tx -> {
                Project p = projects.adhoc();
                if (p.services.remove(name, svc)) {
                    svc.forgotten = true;
                    serial.dispatch(l -> l.serviceRemoved(ADHOC, name));
                    machine.emitProject(p);
                }
                return null;
            });
            throw SupervisorException.failed("cannot register the ad-hoc service '" + name + "': " + e.getMessage());
        }
        return svc;
    }

    /** Stops an ad-hoc service and forgets it; completes when its process is gone. */
    CompletableFuture<Void> remove(String name) {
        serial.locked(tx -> require(name));
        // out of the store first: one the user was told is removed does not come back at the next start
        try {
            store.removeAdhoc(name);
        } catch (RuntimeException e) {
            throw SupervisorException.failed("could not remove ad-hoc service " + name + ": " + e.getMessage()
                    + "; nothing changed");
        }
        return serial.locked(tx -> {
            Service svc = require(name);
            Project p = projects.get(ADHOC);
            p.services.remove(name);
            CompletableFuture<Void> f = machine.forget(svc, tx);
            machine.emitProject(p);
            return f;
        });
    }

    private Service require(String name) {
        Project p = projects.get(ADHOC);
        Service svc = p == null ? null : p.services.get(name);
        if (svc == null) {
            throw SupervisorException.notFound("no ad-hoc service named '" + name + "'");
        }
        return svc;
    }

    /** Re-creates the ad-hoc services recorded in the store (not started: see {@link Supervisor#restoreDesired}). */
    void restore() {
        List<AdhocRecord> records = store.adhocServices();
        Map<String, Boolean> desired = store.desired().getOrDefault(ADHOC, Map.of());
        Map<String, StateStore.ServiceMemory> memory = store.memory().getOrDefault(ADHOC, Map.of());
        serial.locked(tx -> {
            Project p = projects.adhoc();
            for (AdhocRecord r : records) {
                if (!p.services.containsKey(r.name())) {
                    Service s = new Service(ADHOC, ServiceSpec.adhoc(r.name(), r.command(), r.cwd(), r.env(), r.restart()),
                            clock.instant());
                    s.desired = desired.getOrDefault(r.name(), false);
                    s.remember(memory.get(r.name()));
                    p.services.put(r.name(), s);
                    machine.emit(s);
                }
            }
            machine.emitProject(p);
            return null;
        });
    }
}
