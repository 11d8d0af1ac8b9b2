package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.StateStore.HistoryRecord;
import dev.tend.daemon.core.StateStore.ProjectRecord;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.process.ExecForm;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the services of registered projects: starts them in dependency order, probes readiness, restarts
 * them by their policy, stops them (whole process tree), and records what happened.
 *
 * <p>Thread-safety: all state sits under one lock, held only for bookkeeping. Launching, signalling,
 * waiting, probing and store writes happen outside it, on a worker pool; timers run on a scheduler.
 * Events are queued to a single dispatcher thread while the lock is held, so listeners get them in the
 * order of the changes, and never run under the lock. Methods that wait on processes return futures; none blocks the
 * caller.
 *
 * <p>This class is the API; what each call does to a service is {@link ServiceMachine}'s, with the nouns around
 * it ({@link ProjectRegistry}, {@link DependencyOrder}, {@link ReadyWaiters}, {@link ServiceRuns}, …).
 */
public final class Supervisor {

    /** The project that holds services started with {@link #run}. */
    public static final String ADHOC = "adhoc";

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    /** A consistent view: every service (of a project, or all) and the projects, taken at one moment. */
    public record StateView(List<ProjectInfo> projects, List<ServiceSnapshot> services) {
    }

    private final SupervisorConfig config;
    private final ProcessControl control;
    private final StateStore store;
    private final Clock clock;

    private final ReadyWaiters waiters = new ReadyWaiters();
    /** Every locked section ends by settling the {@code up} futures on the services it touched. */
    private final SerialState<SupervisorListener, Service> serial = new SerialState<>("tend-events", waiters::check);
    private final ProjectRegistry projects = new ProjectRegistry();
    private CompletableFuture<Void> shutdownFuture;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tend-timer"));
    private final ExecutorService worker = DaemonThreads.elastic("tend-worker", Integer.MAX_VALUE, DaemonThreads.IDLE_WORKER_KEEP_ALIVE);
    private final ServiceHistory history;
    private final OrphanReaper reaper;
    private final UsageMeter meter;
    private final ServiceRuns runs;
    private final ServiceMachine machine;
    private final AdhocServices adhoc;
    private final ProjectFileCheck fileCheck;
    private final ProjectLifecycle lifecycle;
    private final DesiredWrites desired;

    public Supervisor(SupervisorConfig config, ProcessLauncher launcher, ProcessControl control, StateStore store,
                      Clock clock) {
        this(config, launcher, control, store, clock, null);
    }

    /** @param timer wakes backoffs, min_uptime waits and stop timeouts; null: the supervisor's own scheduler */
    public Supervisor(SupervisorConfig config, ProcessLauncher launcher, ProcessControl control, StateStore store,
                      Clock clock, Timer timer) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(launcher, "launcher");
        this.control = Objects.requireNonNull(control, "control");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = new ServiceHistory(store, clock);
        this.desired = new DesiredWrites(store);
        Timer waits = timer != null ? timer : Timer.on(scheduler);
        this.reaper = new OrphanReaper(control, store, history, waits, scheduler, worker);
        this.meter = new UsageMeter(control);
        this.runs = new ServiceRuns(config, launcher, control, store, history, serial, clock, waits, scheduler, worker);
        this.machine = new ServiceMachine(config, store, clock, new RestartPolicy(config.restart()), serial, projects,
                waiters, history, runs, reaper, meter, waits, worker,
                svc -> restartOne(locked(tx -> projects.get(svc.project)), svc)); // watch: restarts as `tend restart`
        this.adhoc = new AdhocServices(serial, projects, store, clock, machine);
        this.fileCheck = new ProjectFileCheck(serial, projects, machine);
        this.lifecycle = new ProjectLifecycle(serial, projects, machine, store, clock, config.logsDir(), this::restartOne,
                name -> down(name, List.of()));
        scheduler.scheduleWithFixedDelay(fileCheck::run, 2, 2, TimeUnit.SECONDS);
    }

    /** New daemon settings: applies to every log file opened from now on (new services, the next daemon). */
    public void updateLogPolicy(LogPolicy policy) {
        machine.logPolicy = Objects.requireNonNull(policy, "policy");
    }

    public void addListener(SupervisorListener listener) {
        serial.addListener(listener);
    }

    public void removeListener(SupervisorListener listener) {
        serial.removeListener(listener);
    }

    // ---------------------------------------------------------------- projects

    /**
     * Adds a project, or updates a registered one exactly as {@link #reload} does. A new project's services
     * take their desired state from the store but are not started (see {@link #up}, {@link #restoreDesired}).
     */
    public ServiceChanges register(ProjectSpec declared, Map<String, String> baseEnv) {
        Objects.requireNonNull(declared, "spec");
        Objects.requireNonNull(baseEnv, "baseEnv");
        if (ADHOC.equals(declared.name())) {
            throw new IllegalArgumentException("project name '" + ADHOC + "' is reserved for services started with 'tend run'");
        }
        checkNotShuttingDown();
        return lifecycle.register(declared, baseEnv);
    }

    /**
     * Applies a changed project file: services whose spec changed restart if they were running, removed
     * ones stop and are forgotten, added ones start if the project is up. A changed base environment alone
     * restarts nothing: it applies at each service's next start.
     *
     * @throws SupervisorException NOT_FOUND if the project was never registered
     */
    public ServiceChanges reload(ProjectSpec spec, Map<String, String> baseEnv) {
        locked(tx -> projects.require(spec.name()));
        return register(spec, baseEnv);
    }

    /**
     * `tend scale`: {@code count} copies of the service (a plain one becomes a group) until its `replicas:` changes,
     * applied as a reload applies a changed `replicas:` (docs/project-file.md, Replicas). */
    public ServiceChanges scale(String project, String service, int count) {
        checkNotShuttingDown();
        return lifecycle.scale(project, service, count);
    }

    public List<ProjectInfo> projects() {
        fileCheck.run(); // a file deleted a moment ago is told now, not at the next periodic look
        return locked(tx -> projects.all().stream().map(Project::info).toList());
    }

    /**
     * Keeps a registered project whose file cannot be loaded now (gone, or broken) on the list, without services,
     * so that it is shown with the reason rather than silently dropped; `tend up` there or {@link #forgetProject}
     * ends that.
     */
    public void registerUnloadable(ProjectRecord record, String problem) {
        lifecycle.registerUnloadable(record, problem);
    }

    /**
     * Stops the project's services (dependents first) and unregisters it: gone from the list and from the store,
     * its history and logs left to the caller to keep or remove.
     *
     * @return the names of the services it had; completes when their processes are gone
     * @throws SupervisorException NOT_FOUND if no such project is registered
     */
    public CompletableFuture<List<String>> forgetProject(String name) {
        if (ADHOC.equals(name)) {
            throw SupervisorException.conflict("the ad-hoc services are not a project to forget: remove each with "
                    + "`tend rm NAME`");
        }
        return lifecycle.forget(name);
    }

    /**
     * Removes the history, desired state and log files of a project that is not registered (any more).
     *
     * @throws SupervisorException CONFLICT if it is registered (again): its services would write on
     */
    public void purgeProject(String name) {
        lifecycle.purge(name);
    }

    // ---------------------------------------------------------------- up / down / start / stop

    /**
     * Wants the services (empty: all of the project) running, with their dependencies, and starts them in
     * dependency order: a service launches once every service it depends on is READY.
     *
     * @return completes when every requested service and its dependencies are READY; fails with
     *         {@link SupervisorException} (FAILED) as soon as one of them ends up down for good (failed,
     *         exited or crashed without restart, stopped)
     */
    public CompletableFuture<Void> up(String project, List<String> services) {
        checkNotShuttingDown();
        List<Service> closure = locked(tx -> {
            Project p = projects.require(project);
            if (!services.isEmpty()) {
                return withDependencies(p, services);
            }
            // the whole project: all but what waits to be started by name (autostart: false)
            List<Service> roots = p.services.values().stream().filter(s -> s.spec.autostart()).toList();
            return DependencyOrder.withDependencies(roots, p.services);
        });
        return startAll(closure, Set.copyOf(services));
    }

    /** Starts one service (and what it depends on); a start by hand, so a FAILED service gets a fresh count. */
    public CompletableFuture<Void> start(String project, String service) {
        return up(project, List.of(service));
    }

    /** @param rerun names of tasks to run again even if they completed successfully (a start that names them) */
    private CompletableFuture<Void> startAll(List<Service> closure, Set<String> rerun) {
        checkNotShuttingDown(); // before the desired state is saved: a refused start leaves none for the next daemon
        return desired.start(DesiredWrites.what("start", closure), closure, () -> locked(tx -> {
            checkNotShuttingDown();
            for (Service svc : closure) {
                boolean flipped = !svc.desired;
                svc.desired = true;
                long emitted = svc.emits;
                String name = svc.name();
                if (!svc.completedSuccessfully() || rerun.contains(name)) {
                    machine.requestStart(svc, true, tx); // a task that did its job is done, unless named
                }
                if (flipped && svc.emits == emitted) {
                    machine.emit(svc); // the start changed nothing else: the new desired state is the news
                }
            }
            return waiters.waitFor(closure, tx);
        }));
    }

    /**
     * Wants the services (empty: all) stopped and stops them; a service stops only after those of the
     * set that depend on it have stopped. Services outside the set keep running.
     */
    public CompletableFuture<Void> down(String project, List<String> services) {
        List<Service> targets = locked(tx -> ProjectRegistry.resolve(projects.require(project), services));
        String what = services.isEmpty() ? "stop project " + project : DesiredWrites.what("stop", targets);
        String unsaved = desired.stop(what, targets, () -> locked(tx -> {
            for (Service svc : targets) {
                if (svc.desired) {
                    svc.desired = false;
                    if (svc.state == ServiceState.STOPPED) {
                        machine.emit(svc); // anything else changes state as it stops, and that event carries this
                    }
                }
            }
            return null;
        }));
        CompletableFuture<Void> stopped = machine.stopInOrder(targets);
        return unsaved == null ? stopped : stopped.thenRun(() -> {
            throw SupervisorException.failed(unsaved);
        });
    }

    public CompletableFuture<Void> stop(String project, String service) {
        return down(project, List.of(service));
    }

    /** Stops the service if it runs, then starts it (and its dependencies) as {@link #start} does. */
    public CompletableFuture<Void> restart(String project, String service) {
        checkNotShuttingDown();
        Project p = locked(tx -> projects.require(project));
        Service svc = locked(tx -> ProjectRegistry.requireService(p, service));
        return restartOne(p, svc);
    }

    private CompletableFuture<Void> restartOne(Project p, Service svc) {
        // only a service not wanted yet has a desired state to save: a reload's or a watch's restart of a running
        // one writes nothing, so a full disk does not stop it
        List<Service> toSave = locked(tx -> svc.desired ? List.<Service>of() : List.of(svc));
        CompletableFuture<Void> stopped = desired.start("restart " + svc.ref(), toSave, () -> locked(tx -> {
            if (svc.forgotten) {
                throw SupervisorException.notFound("service " + svc.ref() + " was removed");
            }
            svc.desired = true;
            return machine.stopOne(svc, tx);
        }));
        return stopped.thenCompose(v -> {
            // a stop (or down) that came while it stopped is the newer word: the service stays stopped
            if (!locked(tx -> svc.desired)) {
                throw SupervisorException.conflict("service " + svc.ref() + " was stopped by another request while it "
                        + "restarted; it stays stopped");
            }
            return startAll(locked(tx -> withDependencies(p, List.of(svc.name()))), Set.of());
        });
    }

    /**
     * Sends a signal to the service's main process, or with {@code group} to its whole process group. A simple
     * command runs without a shell above it (see {@link ExecForm}), so its main process is the program itself.
     */
    public void signal(String project, String service, Signal signal, boolean group) {
        Objects.requireNonNull(signal, "signal");
        long pid = locked(tx -> {
            Service svc = ProjectRegistry.requireService(projects.require(project), service);
            if (svc.run == null) {
                throw SupervisorException.conflict("service " + svc.ref() + " is not running (" + svc.state.wireName() + ")");
            }
            return svc.run.pid;
        });
        if (group) {
            control.signalGroup(pid, signal);
        } else {
            control.signal(pid, signal);
        }
        history.record(project, service, "signalled", pid, null, signal.fullName(), group ? "to its process group" : null);
    }

    // ---------------------------------------------------------------- ad-hoc services

    /**
     * Starts an ad-hoc service in project "adhoc", remembered in the store so that it comes back with the
     * next daemon. Completes when it is READY (it has no probe: once up for min_uptime).
     *
     * @throws SupervisorException CONFLICT if an ad-hoc service of that name exists
     */
    public CompletableFuture<Void> run(String name, String command, Path cwd, Map<String, String> env,
                                       RestartMode restart) {
        checkName(name);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(restart, "restart");
        checkNotShuttingDown();
        Service svc = adhoc.add(name, command, cwd, env, restart);
        return startAll(List.of(svc), Set.of());
    }

    /** Stops an ad-hoc service and forgets it; completes when its process is gone. */
    public CompletableFuture<Void> remove(String name) {
        return adhoc.remove(name);
    }

    /** Re-creates the ad-hoc services recorded in the store (not started: see {@link #restoreDesired}). */
    public void restoreAdhoc() {
        adhoc.restore();
    }

    // ---------------------------------------------------------------- daemon start and stop

    /**
     * Stops the children a previous daemon left behind, in the background (see {@link OrphanReaper}). Until the reap
     * of a service is over, a start of that service waits. Call before registering projects.
     *
     * @return completes, when every reap is over, with how many recorded children had processes left to reap
     */
    public CompletableFuture<Integer> reapOrphans() {
        return reaper.reapAll();
    }

    /** Starts every registered service whose desired state is running; completes when all are READY. */
    public CompletableFuture<Void> restoreDesired() {
        List<Service> wanted = locked(tx -> {
            List<Service> list = new ArrayList<>();
            for (Project p : projects.all()) {
                List<String> names = p.services.values().stream().filter(s -> s.desired).map(Service::name).toList();
                if (!names.isEmpty()) {
                    // failed stays failed until started by hand, even as another's dependency
                    withDependencies(p, names).stream().filter(s -> s.state != ServiceState.FAILED).forEach(list::add);
                }
            }
            return list;
        });
        return wanted.isEmpty() ? CompletableFuture.completedFuture(null) : startAll(wanted, Set.of());
    }

    /**
     * Stops every service (dependents first), leaving the desired state in the store as it is so the next
     * daemon starts them again; then closes the logs and the supervisor's threads. Idempotent.
     */
    public CompletableFuture<Void> shutdown() {
        List<Service> all = locked(tx -> {
            if (shutdownFuture != null) {
                return null;
            }
            machine.shuttingDown = true;
            shutdownFuture = new CompletableFuture<>();
            waiters.shutDown(tx);
            return projects.allServices();
        });
        if (all == null) {
            return shutdownFuture;
        }
        // A reap under way finishes first: its orphans must not outlive the daemon that took them over.
        CompletableFuture<?>[] reaps = reaper.allUnderWay();
        CompletableFuture.allOf(machine.stopInOrder(all), CompletableFuture.allOf(reaps)).whenComplete((v, e) -> {
            locked(tx -> {
                projects.allServices().forEach(s -> {
                    if (s.log != null) {
                        s.log.close();
                        s.log = null;
                    }
                });
                return null;
            });
            scheduler.shutdownNow();
            worker.shutdown();
            // Queued events are still delivered; the future completes after the last of them.
            serial.close(() -> shutdownFuture.complete(null));
        });
        return shutdownFuture;
    }

    // ---------------------------------------------------------------- views

    /** Runs the supplier under the supervisor's lock: nothing changes, and no event is queued, meanwhile. */
    public <T> T underLock(Supplier<T> supplier) {
        return serial.underLock(supplier);
    }

    /** Projects and services (of one project, or all if null), atomically. */
    public StateView snapshot(String projectOrNull) {
        fileCheck.run();
        return locked(tx -> {
            List<ProjectInfo> infos = new ArrayList<>();
            List<ServiceSnapshot> list = new ArrayList<>();
            for (Project p : projects.select(projectOrNull)) {
                infos.add(p.info());
                p.services.values().forEach(s -> list.add(s.snapshot()));
            }
            return new StateView(infos, list);
        });
    }

    /** The services (of one project, or all if null) with CPU and memory of each whole tree sampled now. */
    public List<ServiceSnapshot> list(String projectOrNull) {
        List<UsageMeter.Row> rows = locked(tx -> projects.select(projectOrNull).stream()
                .flatMap(p -> p.services.values().stream()).map(s -> new UsageMeter.Row(s.snapshot(), s.run)).toList());
        return UsageMeter.withUsage(rows, measure(rows.stream().map(UsageMeter.Row::run).filter(Objects::nonNull).toList()));
    }

    /**
     * CPU and memory of every running service, from one look at the process table. Each sample also becomes the
     * service's current usage (what its next snapshot carries); CPU is measured since the previous sample of the run.
     */
    public List<ServiceUsage> sampleUsage() {
        return measure(locked(tx -> projects.allServices().stream().map(s -> s.run).filter(Objects::nonNull).toList()));
    }

    private List<ServiceUsage> measure(List<Service.Run> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<Service.Run, ProcessControl.ResourceUsage> measured = meter.measure(runs);
        return locked(tx -> meter.apply(projects.allServices(), measured));
    }

    /** Newest last, at most limit entries; every change visible before the call has its row in them. */
    public List<HistoryRecord> history(String project, String service, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("history limit must be positive, got " + limit);
        }
        serial.awaitAfterActions();
        return store.history(project, service, limit);
    }

    /** Where the service's log is written (the current file; rotated ones sit beside it). */
    public Path logFile(String project, String service) {
        locked(tx -> ProjectRegistry.requireService(projects.require(project), service));
        return machine.logPath(project, service);
    }

    /**
     * The service's spec as registered now (daemon.hooks reads its hook commands here).
     *
     * @throws SupervisorException NOT_FOUND if the project or service is not registered (any more)
     */
    public ServiceSpec spec(String project, String service) {
        return locked(tx -> ProjectRegistry.requireService(projects.require(project), service).spec);
    }

    // ---------------------------------------------------------------- helpers

    private List<Service> withDependencies(Project p, List<String> names) {
        return DependencyOrder.withDependencies(ProjectRegistry.resolve(p, names), p.services);
    }

    private static void checkName(String name) {
        String problem = Names.problem("service", name);
        if (problem != null) {
            throw SupervisorException.invalid(problem);
        }
    }

    private void checkNotShuttingDown() {
        boolean down = underLock(() -> machine.shuttingDown);
        if (down) {
            throw new SupervisorException(SupervisorException.Kind.SHUTTING_DOWN, "the daemon is shutting down");
        }
    }

    private <T> T locked(Function<Tx<Service>, T> body) {
        return serial.locked(body);
    }
}
