package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.ServiceRuns.LaunchPlan;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.probe.ProbeRunner;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.ProcessLimit;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.run.RunEnd;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The state machine of the services: what a start, a stop, a launch, a probe's answer, an exit and a backoff timer
 * do to a service. Its methods that take a {@link Tx} run under the supervisor's lock; process work is handed to
 * {@link ServiceRuns} on the worker pool, and its outcome comes back here under the lock. {@link Supervisor} is the
 * API in front of it.
 */
final class ServiceMachine {

    private static final Logger log = LoggerFactory.getLogger(ServiceMachine.class);

    private final SupervisorConfig config;
    private final StateStore store;
    private final KeptEnds kept;
    private final Clock clock;
    private final RestartPolicy policy;
    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final ReadyWaiters waiters;
    private final ServiceHistory history;
    private final ServiceRuns runs;
    private final OrphanReaper reaper;
    private final Timer timer;
    private final ExecutorService worker;
    private final LivenessChecks liveness;
    private final MemoryWatch memory;
    private final ServiceWatches watches;
    private final AutoPorts autoPorts;
    /** Set under the lock when the daemon begins to shut down: nothing starts or restarts any more. */
    boolean shuttingDown;
    volatile LogPolicy logPolicy;

    ServiceMachine(SupervisorConfig config, StateStore store, Clock clock, RestartPolicy policy,
                   SerialState<SupervisorListener, Service> serial, ProjectRegistry projects, ReadyWaiters waiters,
                   ServiceHistory history, ServiceRuns runs, OrphanReaper reaper, UsageMeter meter, Timer timer,
                   ExecutorService worker, Function<Service, CompletionStage<?>> restart) {
        this.config = config;
        this.store = store;
        this.kept = new KeptEnds(store);
        this.clock = clock;
        this.policy = policy;
        this.serial = serial;
        this.projects = projects;
        this.waiters = waiters;
        this.history = history;
        this.runs = runs;
        this.reaper = reaper;
        this.timer = timer;
        this.worker = worker;
        this.logPolicy = config.logPolicy();
        this.liveness = new LivenessChecks(this, serial, timer, worker);
        this.memory = new MemoryWatch(this, serial, projects, meter, timer, worker);
        this.watches = new ServiceWatches(serial, projects, history, timer, clock, worker, restart);
        this.autoPorts = new AutoPorts(serial, projects, store, history);
    }

    private <T> T locked(Function<Tx<Service>, T> body) {
        return serial.locked(body);
    }

    /** Removes the service from its project at once; its process is stopped in the background. */
    CompletableFuture<Void> forget(Service svc, Tx<Service> tx) {
        svc.forgotten = true;
        svc.desired = false;
        watches.close(svc);
        String project = svc.project;
        String name = svc.name();
        serial.dispatch(l -> l.serviceRemoved(project, name));
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

    void requestStart(Service svc, boolean byHand, Tx<Service> tx) {
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
        watches.open(svc, tx);
        tryLaunch(svc, tx);
    }

    /** Launches the service if all it depends on is READY, else marks it as waiting. */
    private void tryLaunch(Service svc, Tx<Service> tx) {
        svc.exitCode = null; // a new start, waiting or not, carries nothing of the last run's end
        svc.endedWell = false;
        svc.signal = null;
        Project p = projects.get(svc.project);
        Map<String, Service> siblings = p == null ? Map.of() : p.services;
        DependencyOrder.Gate gate = DependencyOrder.gate(svc, siblings);
        if (gate.never() != null) {
            // A dependency ended so that the condition cannot hold: starting would break what the file says.
            svc.waitingForDeps = false;
            String project = svc.project;
            String name = svc.name();
            String why = gate.never();
            tx.after(() -> history.record(project, name, "failed", 0, null, null, why));
            waiters.fail(svc, "service " + svc.ref() + " did not start: " + why, tx);
            setState(svc, ServiceState.FAILED, why, tx);
            return;
        }
        if (!gate.waiting().isEmpty()) {
            svc.waitingForDeps = true;
            setState(svc, ServiceState.STARTING, "waiting for " + String.join(", ", gate.waiting()), tx);
            return;
        }
        svc.waitingForDeps = false;
        svc.launching = true;
        svc.stopRequested = false;
        svc.probeFailure = null;
        svc.healthFailure = null;
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
            tx.after(() -> launchOnWorker(svc, plan));
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
        if (!stopped) {
            launchOnWorker(svc, plan);
        }
    }

    /**
     * Hands the launch to a worker; one refused (the daemon stops) fails the start. (Without a thread to start, the
     * pool runs it on a thread it has, or here: DaemonThreads.elastic.)
     */
    private void launchOnWorker(Service svc, LaunchPlan plan) {
        try {
            worker.execute(() -> launch(svc, plan));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            launchFailed(svc, plan.generation(), e);
        }
    }

    /** Its state changed in a way a dependent may wait for: those that wait look at their conditions again. */
    private void wakeDependents(Service changed, Tx<Service> tx) {
        Project p = projects.get(changed.project);
        if (p == null) {
            return;
        }
        for (Service s : List.copyOf(p.services.values())) {
            if (DependencyOrder.waitsFor(s, changed)) {
                tryLaunch(s, tx);
            }
        }
    }

    /** Stops the service; the future completes when it is STOPPED. */
    CompletableFuture<Void> stopOne(Service svc, Tx<Service> tx) {
        cancelBackoff(svc);
        if (!svc.desired || shuttingDown) {
            watches.close(svc); // a restart keeps watching
        }
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
        Signal sig = svc.spec.stopSignal() != null ? svc.spec.stopSignal() : Signal.TERM;
        Duration timeout = svc.spec.stopTimeout() != null ? svc.spec.stopTimeout() : ServiceSpec.DEFAULT_STOP_TIMEOUT;
        // An exit already under way (or a stop begun) ends the run, and sees the stop request: this stop does nothing.
        String stopCommand = svc.spec.stopCommand(); // read now: a reload may have changed it since the start
        tx.afterAll(ServiceRuns.StopRequest.class, new ServiceRuns.StopRequest(run, sig, timeout, stopCommand), // one
                stops -> worker.execute(() -> runs.stop(stops))); // batch of the section's stops: see ServiceRuns.stop
    }

    private void cancelBackoff(Service svc) {
        svc.backoffToken = null;
        if (svc.backoffTimer != null) {
            svc.backoffTimer.cancel();
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
        kept.changing(svc, state, reason, shuttingDown, tx);
        svc.state = state;
        svc.reason = reason;
        tx.touch(svc);
        emit(svc);
        if (state == ServiceState.READY || state == ServiceState.RUNNING || state == ServiceState.FAILED
                || state == ServiceState.STOPPED && !svc.desired) {
            // an end that stays down wakes them in afterUnexpectedEnd, once no restart follows; a stop by hand here,
            // so that those still waiting say it will not come
            wakeDependents(svc, tx);
        }
        if (state == ServiceState.READY) {
            liveness.begin(svc, tx);
        }
    }

    // ---------------------------------------------------------------- health (LivenessChecks, MemoryWatch)

    /**
     * tend ends the run for its health: history {@code kind} with why, then the stop sequence; the end that follows
     * goes to the restart policy as a crash (counted in restarts, backing off if it recurs quickly).
     */
    void endForHealth(Service svc, String kind, String why, Tx<Service> tx) {
        long pid = svc.run.pid;
        svc.healthFailure = why;
        log.info("{} {}: {}", svc.ref(), kind, why);
        tx.after(() -> history.record(svc.project, svc.name(), kind, pid, null, null, why));
        beginStop(svc, why, tx);
    }

    /** A liveness check counted: the reason tells how it stands ("unhealthy 2/3: HTTP 503"), null when healthy. */
    void healthNoted(Service svc, Tx<Service> tx) {
        var status = svc.aliveStatus();
        setState(svc, svc.state, status == null ? null : status.describe(), tx);
    }

    /** A reload changed only alive, max_memory or watch: they apply to the running process, without a restart. */
    void healthChanged(Service svc, Tx<Service> tx) {
        watches.changed(svc, tx);
        if (svc.run != null) {
            svc.run.alive.reset();
            memory.watch(svc, tx);
            if (svc.state == ServiceState.READY) {
                liveness.begin(svc, tx);
                setState(svc, ServiceState.READY, null, tx);
            }
        }
        emit(svc);
    }

    // ---------------------------------------------------------------- the process work's outcome

    private void launch(Service svc, LaunchPlan plan) {
        ServiceRuns.Started started;
        try {
            started = runs.start(svc.project, plan, kept -> autoPorts.pick(svc, kept));
        } catch (IOException | RuntimeException e) {
            launchFailed(svc, plan.generation(), e);
            return;
        } catch (OutOfMemoryError e) {
            launchFailed(svc, plan.generation(), ProcessLimit.threadFailure(e, "launch it"));
            return;
        }
        Service.Run run = started.run();
        ProbeRunner probeRunner = run.probe;
        Instant startedAt = run.startedAt;
        int chosenPort = started.port();
        locked(tx -> {
            svc.launching = false;
            svc.run = run;
            svc.startedAt = startedAt;
            svc.port = chosenPort;
            svc.exitCode = null;
            svc.signal = null;
            svc.endedWell = false;
            svc.cpuPercent = 0;
            svc.rssBytes = 0;
            memory.watch(svc, tx);
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
        run.process.end().whenCompleteAsync((end, err) -> endRun(svc, run,
                err == null ? end : new RunEnd(ExitStatus.killed(Signal.KILL.number()), false)), worker);
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
        tx.after(() -> timer.schedule(minUptime, () -> locked(t -> {
            if (svc.run == run && svc.state == ServiceState.RUNNING && !run.process.hasExited()) {
                setState(svc, ServiceState.READY, null, t);
            }
            return null;
        })));
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
     * The run is over (see {@link dev.tend.daemon.core.run.ProcessRun#end}): in a stop, the rest of the tree kept its
     * stop_timeout; without one (a crash, an exit), what was left of it died at once.
     */
    private void endRun(Service svc, Service.Run run, RunEnd end) {
        if (run.probe != null) {
            run.probe.cancel();
        }
        ExitStatus status = end.status();
        Integer code = status.killedBySignal() ? null : status.code();
        String sig = status.signalName();
        String stopReason = end.treeKilled() ? "SIGKILL to what was left of the tree after stop_timeout" : null;
        locked(tx -> {
            if (svc.run != run) {
                tx.after(run.process::forget);
                return null;
            }
            svc.run = null;
            svc.exitCode = code;
            svc.signal = sig;
            svc.endedWell = svc.spec.succeeded(status);
            if (svc.stopRequested || shuttingDown || svc.forgotten) {
                tx.after(() -> history.record(svc.project, svc.name(), "stopped", run.pid, code, sig, stopReason));
                tx.after(run.process::forget); // before the stop completes: a stopped service has no live record
                setState(svc, ServiceState.STOPPED, null, tx);
                completeStopped(svc, tx);
                return null;
            }
            afterUnexpectedEnd(svc, run, status, tx);
            tx.after(run.process::forget);
            return null;
        });
    }

    private void afterUnexpectedEnd(Service svc, Service.Run run, ExitStatus status, Tx<Service> tx) {
        boolean failedStart = svc.probeFailure != null;
        Duration ran = failedStart ? Duration.ZERO : Duration.between(run.startedAt, clock.instant());
        String endedHow = failedStart ? svc.probeFailure
                : svc.healthFailure != null ? svc.healthFailure : RestartPolicy.describe(status);
        // A run tend ended (not ready in time, unhealthy, over its memory) failed, however its process answered the
        // stop signal (exit 0, exit 3): on-failure restarts it, and a task (restart: no) ends crashed, not completed.
        boolean endedByTend = failedStart || svc.healthFailure != null;
        svc.endedWell &= !endedByTend; // whatever its process answered the stop with
        // An exit value in success_exit_codes is judged as exit 0 (130 too, which Java reports as SIGINT).
        ExitStatus judged = endedByTend && !status.killedBySignal() ? ExitStatus.killed(Signal.TERM.number())
                : !endedByTend && svc.endedWell ? ExitStatus.exited(0) : status;
        RestartPolicy.Decision d = policy.decide(svc.spec.restart(), svc.spec.maxRestarts(), judged, ran,
                svc.quickRestarts, endedHow, svc.spec.restartDelay());
        String kind = d.endState() == ServiceState.EXITED || d.endState() == ServiceState.COMPLETED
                ? d.endState().wireName() : "crashed";
        Integer code = svc.exitCode;
        String sig = svc.signal;
        String project = svc.project;
        String name = svc.name();
        tx.after(() -> history.record(project, name, kind, run.pid, code, sig, endedHow));
        boolean taskDone = svc.endedWell && (d.endState() == ServiceState.COMPLETED
                || (d.endState() == ServiceState.EXITED && d.action() == RestartPolicy.Action.STAY_DOWN));
        if (!taskDone) {
            waiters.fail(svc, "service " + svc.ref() + " " + endedHow
                    + (d.action() == RestartPolicy.Action.RESTART ? " (" + d.reason() + ")" : ""), tx);
        }
        svc.quickRestarts = d.quickRestarts();
        if (d.action() != RestartPolicy.Action.STAY_DOWN && (d.action() == RestartPolicy.Action.GIVE_UP
                || !d.delay().isZero()) && watches.watching(svc)) {
            // under watch a crash loop is a bad edit: the next change restarts it, not a backoff that ends in failed
            tx.after(() -> history.record(project, name, "waiting", run.pid, code, sig, ServiceWatches.WAITING));
            setState(svc, d.endState() == ServiceState.FAILED ? ServiceState.CRASHED : d.endState(),
                    ServiceWatches.WAITING + " (" + endedHow + ")", tx);
            wakeDependents(svc, tx);
            return;
        }
        switch (d.action()) {
            case STAY_DOWN -> {
                setState(svc, d.endState(), d.reason(), tx);
                wakeDependents(svc, tx);
            }
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
                    svc.backoffTimer = timer.schedule(d.delay(), () -> {
                        locked(t -> {
                            if (svc.backoffToken == token && svc.state == ServiceState.BACKOFF && !shuttingDown) {
                                svc.backoffToken = null;
                                svc.backoffTimer = null;
                                tryLaunch(svc, t);
                            }
                            return null;
                        });
                    });
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
    CompletableFuture<Void> stopInOrder(List<Service> services) {
        return DependencyOrder.stopInOrder(services,
                group -> locked(tx -> group.stream().map(s -> stopOne(s, tx)).toList()), worker);
    }

    Path logPath(String project, String service) {
        return config.logsDir().resolve(project).resolve(service + ".log");
    }

    void emit(Service svc) {
        if (svc.forgotten) {
            return;
        }
        svc.emits++;
        ServiceSnapshot snap = svc.snapshot();
        serial.dispatch(l -> l.serviceChanged(snap));
    }

    void emitProject(Project p) {
        ProjectInfo info = p.info();
        if (info.equals(p.announced)) {
            return;
        }
        p.announced = info;
        serial.dispatch(l -> l.projectChanged(info));
    }
}
