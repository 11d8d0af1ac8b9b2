package dev.tend.daemon.core;

import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.ServiceRuns.LaunchPlan;
import dev.tend.daemon.core.StateStore.AdhocRecord;
import dev.tend.daemon.core.StateStore.HistoryRecord;
import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.StateStore.ProjectRecord;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.logs.ProjectLogs;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.CpuSampler;
import dev.tend.daemon.core.process.ExecForm;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.probe.ProbeContext;
import dev.tend.daemon.core.probe.ProbeRunner;
import dev.tend.daemon.core.probe.Probes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the services of registered projects: starts them in dependency order, probes readiness, restarts
 * them by their policy, stops them (whole process tree), and records what happened.
 *
 * <p>Thread-safety: all state sits under one lock, held only for bookkeeping. Launching, signalling,
 * waiting, probing and store writes happen outside it, on a worker pool; timers run on a scheduler.
 * Events are queued to a single dispatcher thread while the lock is held, so listeners get them in seq
 * order, and never run under the lock. Methods that wait on processes return futures; none blocks the
 * caller.
 */
public final class Supervisor {

    /** The project that holds services started with {@link #run}. */
    public static final String ADHOC = "adhoc";

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    /** A consistent view: every service (of a project, or all) and the seq it is valid at. */
    public record StateView(long seq, List<ProjectInfo> projects, List<ServiceSnapshot> services) {
    }

    private final SupervisorConfig config;
    private final ProcessLauncher launcher;
    private final ProcessControl control;
    private final StateStore store;
    private final Clock clock;
    private final RestartPolicy policy;

    private final ReadyWaiters waiters = new ReadyWaiters();
    /** Every locked section ends by settling the {@code up} futures on the services it touched. */
    private final SerialState<SupervisorListener, Service> serial = new SerialState<>("tend-events", waiters::check);
    private final ProjectRegistry projects = new ProjectRegistry();
    private boolean shuttingDown;
    private CompletableFuture<Void> shutdownFuture;
    private volatile LogPolicy logPolicy;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tend-timer"));
    private final ExecutorService worker = Executors.newCachedThreadPool(DaemonThreads.named("tend-worker"));
    private final ServiceHistory history;
    private final OrphanReaper reaper;
    private final UsageMeter meter;
    private final ServiceRuns runs;
    private final AdhocServices adhoc;

    public Supervisor(SupervisorConfig config, ProcessLauncher launcher, ProcessControl control, StateStore store,
                      Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.control = Objects.requireNonNull(control, "control");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = new RestartPolicy(config.restart());
        this.history = new ServiceHistory(store, clock);
        this.reaper = new OrphanReaper(control, store, history, worker);
        this.meter = new UsageMeter(control);
        this.adhoc = new AdhocServices(serial, projects, store, clock, new AdhocServices.Changes() {
            @Override
            public void serviceChanged(Service svc) {
                emit(svc);
            }

            @Override
            public void projectChanged(Project p) {
                emitProject(p);
            }

            @Override
            public CompletableFuture<Void> forget(Service svc, Tx<Service> tx) {
                return Supervisor.this.forget(svc, tx);
            }
        });
        this.runs = new ServiceRuns(config, launcher, control, store, history, serial, clock, scheduler, worker);
        this.logPolicy = config.logPolicy();
        scheduler.scheduleWithFixedDelay(this::checkProjectFiles, 2, 2, TimeUnit.SECONDS);
    }

    /** New daemon settings: applies to every log file opened from now on (new services, the next daemon). */
    public void updateLogPolicy(LogPolicy policy) {
        this.logPolicy = Objects.requireNonNull(policy, "policy");
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
    public ServiceChanges register(ProjectSpec spec, Map<String, String> baseEnv) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(baseEnv, "baseEnv");
        if (ADHOC.equals(spec.name())) {
            throw new IllegalArgumentException("project name '" + ADHOC + "' is reserved for services started with 'tend run'");
        }
        checkNotShuttingDown();
        store.putProject(new ProjectRecord(spec.name(), spec.dir(), spec.file(), Map.copyOf(baseEnv)));
        Map<String, Boolean> desired = store.desired().getOrDefault(spec.name(), Map.of());
        Map<String, StateStore.ServiceMemory> memory = store.memory().getOrDefault(spec.name(), Map.of());
        List<Runnable> restarts = new ArrayList<>();
        ServiceChanges result = locked(tx -> {
            Project p = projects.get(spec.name());
            if (p == null) {
                p = new Project(spec.name(), spec.dir(), spec.file(), baseEnv);
                for (ServiceSpec s : spec.services().values()) {
                    Service svc = new Service(p.name, s, clock.instant());
                    svc.desired = desired.getOrDefault(s.name(), false);
                    svc.remember(memory.get(s.name()));
                    p.services.put(s.name(), svc);
                    emit(svc);
                }
                projects.add(p);
                emitProject(p);
                return new ServiceChanges(p.name, List.copyOf(spec.services().keySet()), List.of(), List.of(), List.of());
            }
            p.loadProblem = null;
            p.fileGone = false; // it was just read
            return applyDiff(p, spec, baseEnv, tx, restarts);
        });
        restarts.forEach(Runnable::run);
        return result;
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

    private ServiceChanges applyDiff(Project p, ProjectSpec spec, Map<String, String> baseEnv, Tx<Service> tx,
                                     List<Runnable> restarts) {
        ServiceChanges changes = projects.applyDiff(p, spec, baseEnv, clock.instant(), new ProjectRegistry.DiffSteps() {
            @Override
            public void added(Service svc, boolean up) {
                emit(svc);
                if (up) {
                    tx.after(() -> store.setDesired(p.name, svc.name(), true));
                    requestStart(svc, true, tx);
                }
            }

            @Override
            public void changed(Service svc) {
                if (svc.state.isActive() || svc.state == ServiceState.BACKOFF) {
                    restarts.add(() -> restartOne(p, svc));
                }
            }

            @Override
            public void removed(Service svc) {
                forget(svc, tx);
            }
        });
        emitProject(p);
        return changes;
    }

    /** Removes the service from its project at once; its process is stopped in the background. */
    private CompletableFuture<Void> forget(Service svc, Tx<Service> tx) {
        svc.forgotten = true;
        svc.desired = false;
        long s = serial.nextSeq();
        String project = svc.project;
        String name = svc.name();
        dispatch(l -> l.serviceRemoved(s, project, name));
        CompletableFuture<Void> stopped = stopOne(svc, tx);
        tx.after(() -> {
            store.removeDesired(project, name);
            stopped.whenComplete((v, e) -> locked(t -> {
                if (svc.log != null) {
                    svc.log.close();
                    svc.log = null;
                }
                return null;
            }));
        });
        return stopped;
    }

    public List<ProjectInfo> projects() {
        checkProjectFiles(); // a file deleted a moment ago is told now, not at the next periodic look
        return locked(tx -> projects.all().stream().map(Project::info).toList());
    }

    /**
     * Keeps a registered project whose file cannot be loaded now (gone, or broken) on the list, without services,
     * so that it is shown with the reason rather than silently dropped; `tend up` there or {@link #forgetProject}
     * ends that.
     */
    public void registerUnloadable(ProjectRecord record, String problem) {
        boolean gone = record.file() != null && !Files.exists(record.file());
        locked(tx -> {
            Project p = projects.getOrAdd(record.name(), record.dir(), record.file(), record.baseEnv());
            p.loadProblem = problem;
            p.fileGone = gone;
            emitProject(p);
            return null;
        });
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
        List<String> names = locked(tx -> List.copyOf(projects.require(name).services.keySet()));
        return down(name, List.of()).handle((v, e) -> null).thenCompose(v -> {
            CompletableFuture<Void> stopped = locked(tx -> {
                Project p = projects.remove(name);
                if (p == null) {
                    return CompletableFuture.<Void>completedFuture(null); // forgotten meanwhile by another peer
                }
                List<CompletableFuture<Void>> stops = new ArrayList<>();
                for (Service svc : p.services.values()) {
                    stops.add(forget(svc, tx)); // anything started again since the down stops too
                }
                p.services.clear();
                long s = serial.nextSeq();
                dispatch(l -> l.projectRemoved(s, name));
                tx.after(() -> store.removeProject(name));
                return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
            });
            return stopped.thenApply(done -> names);
        });
    }

    /**
     * Removes the history, desired state and log files of a project that is not registered (any more).
     *
     * @throws SupervisorException CONFLICT if it is registered (again): its services would write on
     */
    public void purgeProject(String name) {
        locked(tx -> {
            if (projects.contains(name)) {
                throw SupervisorException.conflict("project " + name + " is registered again; its history stays");
            }
            return null;
        });
        store.removeProjectHistory(name);
        try {
            ProjectLogs.delete(config.logsDir(), name);
        } catch (IOException e) {
            throw SupervisorException.failed("project " + name + " is forgotten and its history removed, but not all of "
                    + "its logs: " + e.getMessage());
        }
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
        List<Service> closure = locked(tx -> withDependencies(projects.require(project), services));
        return startAll(closure);
    }

    /** Starts one service (and what it depends on); a start by hand, so a FAILED service gets a fresh count. */
    public CompletableFuture<Void> start(String project, String service) {
        return up(project, List.of(service));
    }

    private CompletableFuture<Void> startAll(List<Service> closure) {
        return locked(tx -> {
            checkNotShuttingDown();
            for (Service svc : closure) {
                boolean flipped = !svc.desired;
                svc.desired = true;
                long emitted = svc.emits;
                String project = svc.project;
                String name = svc.name();
                tx.after(() -> store.setDesired(project, name, true));
                requestStart(svc, true, tx);
                if (flipped && svc.emits == emitted) {
                    emit(svc); // the start changed nothing else: the new desired state is the news
                }
            }
            return waiters.waitFor(closure, tx);
        });
    }

    /**
     * Wants the services (empty: all) stopped and stops them; a service stops only after those of the
     * set that depend on it have stopped. Services outside the set keep running.
     */
    public CompletableFuture<Void> down(String project, List<String> services) {
        List<Service> targets = locked(tx -> {
            List<Service> list = ProjectRegistry.resolve(projects.require(project), services);
            for (Service svc : list) {
                if (svc.desired) {
                    svc.desired = false;
                    if (svc.state == ServiceState.STOPPED) {
                        emit(svc); // anything else changes state as it stops, and that event carries this
                    }
                }
                tx.after(() -> store.setDesired(svc.project, svc.name(), false));
            }
            return list;
        });
        return stopInOrder(targets);
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
        CompletableFuture<Void> stopped = locked(tx -> {
            if (svc.forgotten) {
                throw SupervisorException.notFound("service " + svc.ref() + " was removed");
            }
            if (!svc.desired) {
                svc.desired = true;
                tx.after(() -> store.setDesired(svc.project, svc.name(), true));
            }
            return stopOne(svc, tx);
        });
        return stopped.thenCompose(v -> startAll(locked(tx -> withDependencies(p, List.of(svc.name())))));
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
        return startAll(List.of(svc));
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
        return wanted.isEmpty() ? CompletableFuture.completedFuture(null) : startAll(wanted);
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
            shuttingDown = true;
            shutdownFuture = new CompletableFuture<>();
            waiters.shutDown(tx);
            List<Service> list = new ArrayList<>();
            return projects.allServices();
        });
        if (all == null) {
            return shutdownFuture;
        }
        // A reap under way finishes first: its orphans must not outlive the daemon that took them over.
        CompletableFuture<?>[] reaps = reaper.allUnderWay();
        CompletableFuture.allOf(stopInOrder(all), CompletableFuture.allOf(reaps)).whenComplete((v, e) -> {
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

    public long seq() {
        return serial.underLock(serial::seq);
    }

    /** Runs the supplier under the supervisor's lock: nothing changes, and no seq is assigned, meanwhile. */
    public <T> T underLock(Supplier<T> supplier) {
        return serial.underLock(supplier);
    }

    /** Projects and services (of one project, or all if null) with the seq they are valid at, atomically. */
    public StateView snapshot(String projectOrNull) {
        checkProjectFiles();
        return locked(tx -> {
            List<ProjectInfo> infos = new ArrayList<>();
            List<ServiceSnapshot> list = new ArrayList<>();
            for (Project p : projects.select(projectOrNull)) {
                infos.add(p.info());
                p.services.values().forEach(s -> list.add(s.snapshot()));
            }
            return new StateView(serial.seq(), infos, list);
        });
    }

    /** The services (of one project, or all if null) with CPU and memory of each whole tree sampled now. */
    public List<ServiceSnapshot> list(String projectOrNull) {
        record Row(ServiceSnapshot snap, Service.Run run) {
        }
        List<Row> rows = locked(tx -> {
            List<Row> out = new ArrayList<>();
            for (Project p : projects.select(projectOrNull)) {
                p.services.values().forEach(s -> out.add(new Row(s.snapshot(), s.run)));
            }
            return out;
        });
        Map<Long, ServiceUsage> usage = new HashMap<>();
        for (ServiceUsage u : measure(rows.stream().map(Row::run).filter(Objects::nonNull).toList())) {
            usage.put(u.pid(), u);
        }
        List<ServiceSnapshot> result = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ServiceUsage u = r.run == null ? null : usage.get(r.run.pid);
            result.add(u == null ? r.snap.withUsage(0, 0) : r.snap.withUsage(u.cpuPercent(), u.rssBytes()));
        }
        return result;
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

    /** Newest last, at most limit entries. */
    public List<HistoryRecord> history(String project, String service, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("history limit must be positive, got " + limit);
        }
        return store.history(project, service, limit);
    }

    /** Where the service's log is written (the current file; rotated ones sit beside it). */
    public Path logFile(String project, String service) {
        locked(tx -> ProjectRegistry.requireService(projects.require(project), service));
        return logPath(project, service);
    }

    private Path logPath(String project, String service) {
        return config.logsDir().resolve(project).resolve(service + ".log");
    }

    // ---------------------------------------------------------------- the state machine (under the lock)

    private void requestStart(Service svc, boolean byHand, Tx<Service> tx) {
        if (svc.forgotten) {
            return;
        }
        if (svc.state == ServiceState.STOPPING) {
            // A start while it stops: start again once the stop is done, if still wanted then. A stop after a
            // failed probe has no such future: the restart policy decides what comes next.
            CompletableFuture<Void> stopped = svc.stopped;
            if (stopped == null) {
                return;
            }
            tx.after(() -> stopped.whenComplete((v, e) -> locked(t -> {
                if (svc.desired && !shuttingDown && svc.state.isDown()) {
                    requestStart(svc, byHand, t);
                }
                return null;
            })));
            return;
        }
        if (svc.state.isActive()) {
            return;
        }
        if (svc.state == ServiceState.BACKOFF) {
            cancelBackoff(svc);
        }
        if (byHand) {
            svc.quickRestarts = 0;
            svc.restarts = 0;
        }
        tryLaunch(svc, tx);
    }

    /** Launches the service if all it depends on is READY, else marks it as waiting. */
    private void tryLaunch(Service svc, Tx<Service> tx) {
        svc.exitCode = null; // a new start, waiting or not, carries nothing of the last run's end
        svc.signal = null;
        Project p = projects.get(svc.project);
        Map<String, Service> siblings = p == null ? Map.of() : p.services;
        List<String> waitingFor = DependencyOrder.notReady(svc, siblings);
        if (!waitingFor.isEmpty()) {
            svc.waitingForDeps = true;
            setState(svc, ServiceState.STARTING, "waiting for " + String.join(", ", waitingFor), tx);
            return;
        }
        svc.waitingForDeps = false;
        svc.launching = true;
        svc.stopRequested = false;
        svc.probeFailure = null;
        long generation = ++svc.generation;
        if (svc.log == null) {
            try {
                svc.log = ServiceLog.open(logPath(svc.project, svc.name()), logPolicy, clock);
            } catch (RuntimeException e) {
                svc.launching = false;
                setState(svc, ServiceState.FAILED, e.getMessage(), tx);
                return;
            }
        }
        LaunchPlan plan = new LaunchPlan(svc.spec, p == null ? Map.of() : p.baseEnv,
                svc.spec.cwd() != null ? svc.spec.cwd() : p != null && p.dir != null ? p.dir
                        : Path.of(System.getProperty("user.home")), svc.log, generation, svc.keptPort,
                DependencyOrder.ports(svc, siblings));
        CompletableFuture<Void> orphans = reaper.underWay(svc.project, svc.name());
        if (orphans == null) {
            setState(svc, ServiceState.STARTING, null, tx);
            tx.after(() -> worker.execute(() -> launch(svc, plan)));
        } else {
            setState(svc, ServiceState.STARTING, "waiting for the processes a previous daemon left to stop", tx);
            tx.after(() -> orphans.whenComplete((v, e) -> launchAfterReap(svc, plan)));
        }
    }

    /** A start that waited for a reap: skipped if a stop came meanwhile, as no process of it exists yet. */
    private void launchAfterReap(Service svc, LaunchPlan plan) {
        boolean stopped = locked(tx -> {
            if (!svc.stopRequested || svc.generation != plan.generation()) {
                return false;
            }
            svc.launching = false;
            setState(svc, ServiceState.STOPPED, null, tx);
            completeStopped(svc, tx);
            return true;
        });
        if (stopped) {
            return;
        }
        try {
            worker.execute(() -> launch(svc, plan));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            launchFailed(svc, plan.generation(), e);
        }
    }

    private void wakeDependents(Service ready, Tx<Service> tx) {
        Project p = projects.get(ready.project);
        if (p == null) {
            return;
        }
        for (Service s : p.services.values()) {
            if (DependencyOrder.waitsFor(s, ready)) {
                tryLaunch(s, tx);
            }
        }
    }

    /** Stops the service; the future completes when it is STOPPED. */
    private CompletableFuture<Void> stopOne(Service svc, Tx<Service> tx) {
        cancelBackoff(svc);
        switch (svc.state) {
            case STOPPING -> {
                svc.stopRequested = true;
                if (svc.stopped == null) {
                    svc.stopped = new CompletableFuture<>();
                }
                return svc.stopped;
            }
            case STARTING, RUNNING, READY -> {
                if (svc.waitingForDeps) {
                    svc.waitingForDeps = false;
                    setState(svc, ServiceState.STOPPED, null, tx);
                    return CompletableFuture.completedFuture(null);
                }
                svc.stopRequested = true;
                svc.stopped = new CompletableFuture<>();
                if (svc.run != null) {
                    beginStop(svc, null, tx);
                } else {
                    // Launch in flight: it will see stopRequested and stop what it started.
                    setState(svc, ServiceState.STOPPING, null, tx);
                }
                return svc.stopped;
            }
            default -> {
                if (svc.state != ServiceState.STOPPED) {
                    if (svc.state == ServiceState.BACKOFF) {
                        tx.after(() -> history.record(svc.project, svc.name(), "stopped", 0, null, null, "stopped during backoff"));
                    }
                    setState(svc, ServiceState.STOPPED, null, tx);
                }
                return CompletableFuture.completedFuture(null);
            }
        }
    }

    private void beginStop(Service svc, String reason, Tx<Service> tx) {
        Service.Run run = svc.run;
        setState(svc, ServiceState.STOPPING, reason, tx);
        if (run.stopBegun || run.exited) {
            return; // an exit already under way ends the run and sees the stop request
        }
        run.stopBegun = true;
        Signal sig = svc.spec.stopSignal() != null ? svc.spec.stopSignal() : Signal.TERM;
        Duration timeout = svc.spec.stopTimeout() != null ? svc.spec.stopTimeout() : ServiceSpec.DEFAULT_STOP_TIMEOUT;
        tx.after(() -> worker.execute(() -> runs.stop(run, sig, timeout)));
    }

    private void cancelBackoff(Service svc) {
        svc.backoffToken = null;
        if (svc.backoffTimer != null) {
            svc.backoffTimer.cancel(false);
            svc.backoffTimer = null;
        }
    }

    private void setState(Service svc, ServiceState state, String reason, Tx<Service> tx) {
        if (svc.state == state && Objects.equals(svc.reason, reason)) {
            return;
        }
        if (svc.state != state) {
            svc.stateSince = clock.instant();
        }
        if (state == ServiceState.FAILED || (svc.state == ServiceState.FAILED && !shuttingDown)) {
            // failed outlives the daemon (its shutdown included), so that the next one does not crash-loop it again
            String project = svc.project;
            String name = svc.name();
            String failed = state == ServiceState.FAILED ? reason : null;
            tx.after(() -> store.setFailed(project, name, failed));
        }
        svc.state = state;
        svc.reason = reason;
        tx.touch(svc);
        emit(svc);
        if (state == ServiceState.READY) {
            wakeDependents(svc, tx);
        }
    }

    // ---------------------------------------------------------------- process work (outside the lock)

    private void launch(Service svc, LaunchPlan plan) {
        ServiceRuns.Started started;
        try {
            started = runs.start(svc.project, plan, kept -> autoPort(svc, kept));
        } catch (IOException | RuntimeException e) {
            launchFailed(svc, plan.generation(), e);
            return;
        }
        Service.Run run = started.run();
        ProbeRunner probeRunner = run.probe;
        ChildProcess child = run.child;
        Instant startedAt = run.startedAt;
        int chosenPort = started.port();
        locked(tx -> {
            svc.launching = false;
            svc.run = run;
            svc.startedAt = startedAt;
            svc.port = chosenPort;
            svc.exitCode = null;
            svc.signal = null;
            svc.cpuPercent = 0;
            svc.rssBytes = 0;
            if (svc.stopRequested || svc.forgotten || svc.generation != plan.generation()) {
                beginStop(svc, null, tx);
            } else if (probeRunner == null) {
                awaitMinUptime(svc, run, tx);
            } else {
                setState(svc, ServiceState.RUNNING, "waiting for " + probeRunner.probe().describe(), tx);
                tx.after(() -> {
                    probeRunner.ready().whenComplete((v, err) -> onProbeResult(svc, run, err));
                    probeRunner.start();
                });
            }
            return null;
        });
        child.onExit().whenCompleteAsync((status, err) -> onExit(svc, run,
                err == null ? status : ExitStatus.killed(Signal.KILL.number())), worker);
    }

    /** Without a probe, ready is what stays up for min_uptime: a command that dies at once never looks ready. */
    private void awaitMinUptime(Service svc, Service.Run run, Tx<Service> tx) {
        Duration minUptime = svc.spec.minUptime();
        if (minUptime.isZero()) {
            setState(svc, ServiceState.READY, null, tx);
            return;
        }
        setState(svc, ServiceState.RUNNING, "ready once up for " + minUptime.toString().substring(2)
                .toLowerCase(java.util.Locale.ROOT), tx);
        tx.after(() -> scheduler.schedule(() -> locked(t -> {
            if (svc.run == run && svc.state == ServiceState.RUNNING && !run.exited) {
                setState(svc, ServiceState.READY, null, t);
            }
            return null;
        }), minUptime.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * The port kept from an earlier start if it is still free, else a new free one (with a warning if one was kept).
     * The choice is kept for the next start, and the next daemon.
     */
    private int autoPort(Service svc, int kept) throws IOException {
        if (kept > 0 && Ports.isFree(kept)) {
            return kept;
        }
        int port = Ports.free();
        if (kept > 0) {
            String why = "port " + kept + " is taken by another process; now using " + port;
            log.warn("{}/{}: {}", svc.project, svc.name(), why);
            history.record(svc.project, svc.name(), "port", 0, null, null, why);
        }
        store.setPort(svc.project, svc.name(), port);
        locked(tx -> svc.keptPort = port);
        return port;
    }

    private void launchFailed(Service svc, long generation, Exception e) {
        String why = "could not start: " + (e.getMessage() != null ? e.getMessage() : e.toString());
        log.warn("{}/{} {}", svc.project, svc.name(), why);
        history.record(svc.project, svc.name(), "failed", 0, null, null, why);
        locked(tx -> {
            svc.launching = false;
            if (svc.generation != generation) {
                return null;
            }
            if (svc.stopRequested) {
                setState(svc, ServiceState.STOPPED, null, tx);
                completeStopped(svc, tx);
            } else {
                setState(svc, ServiceState.FAILED, why, tx);
            }
            return null;
        });
    }

    private void onProbeResult(Service svc, Service.Run run, Throwable err) {
        if (err instanceof CancellationException) {
            return;
        }
        locked(tx -> {
            if (svc.run != run || svc.state != ServiceState.RUNNING) {
                return null;
            }
            if (err == null) {
                setState(svc, ServiceState.READY, null, tx);
            } else {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                svc.probeFailure = cause.getMessage();
                beginStop(svc, cause.getMessage(), tx);
            }
            return null;
        });
    }

    /**
     * The main process exited. In a stop, the rest of the tree keeps its stop_timeout (the main process may be
     * a shell above the real program) and the run ends once the stop sequence saw the whole tree gone. Without
     * a stop (a crash, an exit), no orphans: whatever is left of the tree dies at once.
     */
    private void onExit(Service svc, Service.Run run, ExitStatus status) {
        boolean stopping = locked(tx -> {
            run.exited = true;
            return run.stopBegun;
        });
        run.tree.mainExited();
        if (stopping) {
            run.treeGone.whenComplete((killed, e) -> endRun(svc, run, status, Boolean.TRUE.equals(killed)));
            return;
        }
        run.tree.killLeftovers();
        endRun(svc, run, status, false);
    }

    private void endRun(Service svc, Service.Run run, ExitStatus status, boolean treeKilled) {
        runs.drain(svc.project, svc.name(), run);
        Integer code = status.killedBySignal() ? null : status.code();
        String sig = signalName(status);
        String stopReason = treeKilled ? "SIGKILL to what was left of the tree after stop_timeout" : null;
        locked(tx -> {
            if (svc.run != run) {
                tx.after(() -> runs.forget(run));
                return null;
            }
            svc.run = null;
            svc.exitCode = code;
            svc.signal = sig;
            if (svc.stopRequested || shuttingDown || svc.forgotten) {
                tx.after(() -> history.record(svc.project, svc.name(), "stopped", run.pid, code, sig, stopReason));
                tx.after(() -> runs.forget(run)); // before the stop completes: a stopped service has no live record
                setState(svc, ServiceState.STOPPED, null, tx);
                completeStopped(svc, tx);
                return null;
            }
            afterUnexpectedEnd(svc, run, status, tx);
            tx.after(() -> runs.forget(run));
            return null;
        });
    }

    private void afterUnexpectedEnd(Service svc, Service.Run run, ExitStatus status, Tx<Service> tx) {
        boolean failedStart = svc.probeFailure != null;
        Duration ran = failedStart ? Duration.ZERO : Duration.between(run.startedAt, clock.instant());
        String endedHow = failedStart ? svc.probeFailure : RestartPolicy.describe(status);
        RestartPolicy.Decision d = policy.decide(svc.spec.restart(), svc.spec.maxRestarts(), status, ran,
                svc.quickRestarts, endedHow);
        String kind = d.endState() == ServiceState.EXITED ? "exited" : "crashed";
        Integer code = svc.exitCode;
        String sig = svc.signal;
        String project = svc.project;
        String name = svc.name();
        tx.after(() -> history.record(project, name, kind, run.pid, code, sig, endedHow));
        waiters.fail(svc, "service " + svc.ref() + " " + endedHow
                + (d.action() == RestartPolicy.Action.RESTART ? " (" + d.reason() + ")" : ""), tx);
        svc.quickRestarts = d.quickRestarts();
        switch (d.action()) {
            case STAY_DOWN -> setState(svc, d.endState(), d.reason(), tx);
            case GIVE_UP -> {
                tx.after(() -> history.record(project, name, "failed", run.pid, code, sig, d.reason()));
                setState(svc, ServiceState.FAILED, d.reason(), tx);
            }
            case RESTART -> {
                svc.restarts++;
                tx.after(() -> history.record(project, name, "restarting", run.pid, code, sig, d.reason()));
                setState(svc, d.endState(), endedHow, tx);
                if (d.delay().isZero()) {
                    tryLaunch(svc, tx);
                } else {
                    setState(svc, ServiceState.BACKOFF, d.reason(), tx);
                    Object token = new Object();
                    svc.backoffToken = token;
                    svc.backoffTimer = scheduler.schedule(() -> {
                        locked(t -> {
                            if (svc.backoffToken == token && svc.state == ServiceState.BACKOFF && !shuttingDown) {
                                svc.backoffToken = null;
                                svc.backoffTimer = null;
                                tryLaunch(svc, t);
                            }
                            return null;
                        });
                    }, d.delay().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void completeStopped(Service svc, Tx<Service> tx) {
        CompletableFuture<Void> f = svc.stopped;
        svc.stopped = null;
        svc.stopRequested = false;
        if (f != null) {
            tx.after(() -> f.complete(null));
        }
    }

    /** Stops the services, each after those of the set that depend on it. Call without the lock. */
    private CompletableFuture<Void> stopInOrder(List<Service> services) {
        return DependencyOrder.stopInOrder(services, s -> locked(tx -> stopOne(s, tx)), worker);
    }

    // ---------------------------------------------------------------- helpers

    private static String signalName(ExitStatus status) {
        if (!status.killedBySignal()) {
            return null;
        }
        Signal s = Signal.ofNumber(status.signal());
        return s != null ? s.fullName() : "SIG" + status.signal();
    }

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
        boolean down = underLock(() -> shuttingDown);
        if (down) {
            throw new SupervisorException(SupervisorException.Kind.SHUTTING_DOWN, "the daemon is shutting down");
        }
    }

    private <T> T locked(Function<Tx<Service>, T> body) {
        return serial.locked(body);
    }

    private void emit(Service svc) {
        if (svc.forgotten) {
            return;
        }
        long s = serial.nextSeq();
        svc.emits++;
        ServiceSnapshot snap = svc.snapshot();
        dispatch(l -> l.serviceChanged(s, snap));
    }

    /**
     * A project file deleted (or put back) while the daemon runs is told to every peer, as any change is. The files
     * are looked at outside the lock: a project on a hung network mount must not stall the supervisor.
     */
    private void checkProjectFiles() {
        try {
            Map<Project, Path> files = locked(tx -> projects.files());
            Map<Project, Boolean> gone = new java.util.IdentityHashMap<>();
            files.forEach((p, f) -> gone.put(p, !Files.exists(f)));
            locked(tx -> {
                gone.forEach((p, isGone) -> {
                    if (projects.stillHas(p, files.get(p))) {
                        p.fileGone = isGone;
                        emitProject(p); // told only if that changed what the project looks like
                    }
                });
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("checking the project files failed: {}", e.toString(), e); // and again at the next check
        }
    }

    private void emitProject(Project p) {
        ProjectInfo info = p.info();
        if (info.equals(p.announced)) {
            return;
        }
        p.announced = info;
        long s = serial.nextSeq();
        dispatch(l -> l.projectChanged(s, info));
    }

    private void dispatch(Consumer<SupervisorListener> event) {
        serial.dispatch(event);
    }
}
