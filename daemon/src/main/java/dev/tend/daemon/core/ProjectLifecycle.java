package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.StateStore.ProjectRecord;
import dev.tend.daemon.core.logs.ProjectLogs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a project coming, changing and going does to its services: a registration (a new project's services take
 * their desired state from the store, unstarted), a reload's diff (changed services restart if they ran, removed
 * ones stop and are forgotten, added ones start if the project is up), `tend scale`, a project whose file cannot be
 * loaded, and forgetting and purging one. {@link Supervisor} is its API.
 */
final class ProjectLifecycle {

    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final ServiceMachine machine;
    private final StateStore store;
    private final Clock clock;
    private final Path logsDir;
    /** `tend restart` of one service: a changed service that ran restarts so. */
    private final BiFunction<Project, Service, CompletableFuture<Void>> restart;
    /** `tend down` of the whole project, before it is forgotten. */
    private final Function<String, CompletableFuture<Void>> down;

    ProjectLifecycle(SerialState<SupervisorListener, Service> serial, ProjectRegistry projects, ServiceMachine machine,
                     StateStore store, Clock clock, Path logsDir,
                     BiFunction<Project, Service, CompletableFuture<Void>> restart,
                     Function<String, CompletableFuture<Void>> down) {
        this.serial = serial;
        this.projects = projects;
        this.machine = machine;
        this.store = store;
        this.clock = clock;
        this.logsDir = logsDir;
        this.restart = restart;
        this.down = down;
    }

    /** See {@link Supervisor#register}; the caller checked the name and that the daemon is not shutting down. */
    ServiceChanges register(ProjectSpec declared, Map<String, String> baseEnv) {
        store.putProject(new ProjectRecord(declared.name(), declared.dir(), declared.file(), Map.copyOf(baseEnv),
                declared.overrides()));
        ProjectSpec spec = Replicas.applied(declared, store);
        Map<String, Boolean> desired = store.desired().getOrDefault(spec.name(), Map.of());
        Map<String, StateStore.ServiceMemory> memory = store.memory().getOrDefault(spec.name(), Map.of());
        List<Runnable> restarts = new ArrayList<>();
        ServiceChanges result = serial.locked(tx -> {
            Project p = projects.get(spec.name());
            if (p == null) {
                p = new Project(spec.name(), spec.dir(), spec.file(), baseEnv);
                for (ServiceSpec s : spec.services().values()) {
                    Service svc = new Service(p.name, s, clock.instant());
                    svc.desired = desired.getOrDefault(s.name(), false);
                    svc.remember(memory.get(s.name()));
                    p.services.put(s.name(), svc);
                    machine.emit(svc);
                }
                p.declared = declared;
                projects.add(p);
                machine.emitProject(p);
                return new ServiceChanges(p.name, List.copyOf(spec.services().keySet()), List.of(), List.of(), List.of());
            }
            p.loadProblem = null;
            p.fileGone = false; // it was just read
            p.declared = declared;
            return applyDiff(p, spec, baseEnv, tx, restarts);
        });
        restarts.forEach(Runnable::run);
        return result;
    }

    private ServiceChanges applyDiff(Project p, ProjectSpec spec, Map<String, String> baseEnv, Tx<Service> tx,
                                     List<Runnable> restarts) {
        ServiceChanges changes = projects.applyDiff(p, spec, baseEnv, clock.instant(), new ProjectRegistry.DiffSteps() {
            @Override
            public void added(Service svc, boolean up) {
                machine.emit(svc);
                if (up && svc.spec.autostart()) {
                    tx.after(() -> store.setDesired(p.name, svc.name(), true));
                    machine.requestStart(svc, true, tx);
                }
            }

            @Override
            public void changed(Service svc) {
                if (svc.state.isActive() || svc.state == ServiceState.BACKOFF) {
                    restarts.add(() -> restart.apply(p, svc));
                }
            }

            @Override
            public void healthChanged(Service svc) {
                machine.healthChanged(svc, tx);
            }

            @Override
            public void removed(Service svc) {
                machine.forget(svc, tx);
            }
        });
        machine.emitProject(p);
        return changes;
    }

    /** See {@link Supervisor#scale}: the count is kept first, so a crash right after keeps it. */
    ServiceChanges scale(String project, String service, int count) {
        Project p = serial.locked(tx -> projects.require(project));
        ProjectSpec declared = serial.locked(tx -> p.declared);
        store.setScale(project, service, Replicas.scale(declared, project, service, count));
        return register(declared, serial.locked(tx -> p.baseEnv));
    }

    /** See {@link Supervisor#registerUnloadable}. */
    void registerUnloadable(ProjectRecord record, String problem) {
        boolean gone = record.file() != null && !Files.exists(record.file());
        serial.locked(tx -> {
            Project p = projects.getOrAdd(record.name(), record.dir(), record.file(), record.baseEnv());
            p.loadProblem = problem;
            p.fileGone = gone;
            machine.emitProject(p);
            return null;
        });
    }

    /** See {@link Supervisor#forgetProject}. */
    CompletableFuture<List<String>> forget(String name) {
        List<String> names = serial.locked(tx -> List.copyOf(projects.require(name).services.keySet()));
        return down.apply(name).handle((v, e) -> null).thenCompose(v -> {
            // out of the store first: a project the user was told is forgotten does not come back at the next start
            try {
                store.removeProject(name);
            } catch (RuntimeException e) {
                throw SupervisorException.failed("could not forget project " + name + ": " + e.getMessage()
                        + "; its services are stopped, and it stays registered");
            }
            CompletableFuture<Void> stopped = serial.locked(tx -> {
                Project p = projects.remove(name);
                if (p == null) {
                    return CompletableFuture.<Void>completedFuture(null); // forgotten meanwhile by another peer
                }
                List<CompletableFuture<Void>> stops = new ArrayList<>();
                for (Service svc : p.services.values()) {
                    stops.add(machine.forget(svc, tx)); // anything started again since the down stops too
                }
                p.services.clear();
                serial.dispatch(l -> l.projectRemoved(name));
                return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
            });
            return stopped.thenApply(done -> names);
        });
    }

    /** See {@link Supervisor#purgeProject}. */
    void purge(String name) {
        serial.locked(tx -> {
            if (projects.contains(name)) {
                throw SupervisorException.conflict("project " + name + " is registered again; its history stays");
            }
            return null;
        });
        store.removeProjectHistory(name);
        try {
            ProjectLogs.delete(logsDir, name);
        } catch (IOException e) {
            throw SupervisorException.failed("project " + name + " is forgotten and its history removed, but not all of "
                    + "its logs: " + e.getMessage());
        }
    }
}
