package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.probe.ProbeContext;
import dev.tend.daemon.core.probe.ProbeRunner;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.probe.Probes;
import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.CpuSampler;
import dev.tend.daemon.core.process.ExecForm;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process work of a service's runs, done outside the supervisor's lock: starting one (port, environment, probe,
 * the record of its mark, the child, log capture), its stop sequence, draining its output once it ended, and
 * removing its record. The state those steps lead to is the supervisor's to set.
 */
final class ServiceRuns {

    private static final Logger log = LoggerFactory.getLogger(ServiceRuns.class);

    /** Picks the auto port of a start, given the one kept from an earlier start (0: none). */
    @FunctionalInterface
    interface AutoPort {
        int pick(int kept) throws IOException;
    }

    /** A started run, and the port it was given (0: none). */
    record Started(Service.Run run, int port) {
    }

    /**
     * @param keptPort        the auto port of an earlier start, to give again if free; 0: none
     * @param dependencyPorts TEND_PORT_&lt;NAME&gt; of each service it depends on that has a port
     */
    record LaunchPlan(ServiceSpec spec, Map<String, String> baseEnv, Path cwd, ServiceLog log, long generation,
               int keptPort, Map<String, String> dependencyPorts) {
    }

    private final SupervisorConfig config;
    private final ProcessLauncher launcher;
    private final ProcessControl control;
    private final StateStore store;
    private final ServiceHistory history;
    private final SerialState<SupervisorListener, ?> serial;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;

    ServiceRuns(SupervisorConfig config, ProcessLauncher launcher, ProcessControl control, StateStore store,
                ServiceHistory history, SerialState<SupervisorListener, ?> serial, Clock clock,
                ScheduledExecutorService scheduler, ExecutorService worker) {
        this.config = config;
        this.launcher = launcher;
        this.control = control;
        this.store = store;
        this.history = history;
        this.serial = serial;
        this.clock = clock;
        this.scheduler = scheduler;
        this.worker = worker;
    }

    /**
     * Starts the run: its port, environment and probe, the record of its mark, the child, the capture of its output.
     *
     * @param autoPort picks the auto port, given the one kept from an earlier start (0: none)
     * @throws IOException or a RuntimeException if it could not start; nothing of it is left on record then
     */
    Started start(String project, LaunchPlan plan, AutoPort autoPort) throws IOException {
        ServiceSpec spec = plan.spec();
        ProbeRunner probe = null;
        ChildProcess child;
        int port = 0;
        String token = RunToken.random();
        LiveChild launching = LiveChild.launching(project, spec.name(), token,
                spec.stopSignal() != null ? spec.stopSignal() : Signal.TERM,
                spec.stopTimeout() != null ? spec.stopTimeout() : ServiceSpec.DEFAULT_STOP_TIMEOUT);
        boolean recorded = false;
        try {
            port = spec.autoPort() ? autoPort.pick(plan.keptPort()) : spec.port();
            Map<String, String> env = environment(project, plan, port);
            if (spec.ready() != null) {
                ProbeSpec r = spec.ready();
                Duration interval = r.interval() != null ? r.interval() : config.probeInterval();
                Duration timeout = r.timeout() != null ? r.timeout() : config.probeTimeout();
                Duration attempt = r.attemptTimeout() != null ? r.attemptTimeout() : ProbeSpec.DEFAULT_ATTEMPT_TIMEOUT;
                probe = new ProbeRunner(Probes.create(r, new ProbeContext(port, plan.cwd(), env, attempt, launcher, control,
                        worker)), interval, timeout, scheduler, worker);
            }
            // The mark is on record before any process carries it: a daemon killed from here on leaves nothing
            // the next one cannot find. A launch that cannot be recorded is not made.
            store.putLiveChild(launching);
            recorded = true;
            HaltPoint.reached("launch.recorded");
            // The probe's processes are the daemon's, not the service's: only the child gets the run's mark.
            child = launcher.launch(ExecForm.of(spec.command()), plan.cwd(), RunTree.markedEnvironment(env, token));
        } catch (IOException | RuntimeException e) {
            if (recorded) {
                forgetLaunch(token);
            }
            throw e;
        }
        HaltPoint.reached("launch.forked");
        try {
            return afterFork(project, spec, plan, probe, child, launching, port);
        } catch (RuntimeException e) {
            // The caller takes this for a launch that failed: the child must not live on unseen, with no run, no
            // exit hook and its record left for a second copy to join. Its tree dies and its record goes.
            log.warn("launch of {}/{} failed after its fork; killing pid {}: {}", project, spec.name(), child.pid(),
                    e.toString());
            new RunTree(control, child, token).kill();
            forgetLaunch(token);
            throw e;
        }
    }

    private Started afterFork(String project, ServiceSpec spec, LaunchPlan plan, ProbeRunner probe, ChildProcess child,
                              LiveChild launching, int port) {
        String token = launching.runToken();
        ProbeRunner probeRunner = probe;
        String name = spec.name();
        CompletableFuture<Void> drained = plan.log().capture(project + "/" + name, child.stdout(), child.stderr(), lines -> {
            if (probeRunner != null) {
                probeRunner.onLines(lines);
            }
            List<LogLine> copy = List.copyOf(lines);
            serial.dispatch(l -> l.logAppended(project, name, copy));
        });
        try {
            store.putLiveChild(launching.started(child.pid(), child.startTime()));
        } catch (RuntimeException e) {
            // The launch's record (pid 0) still holds the mark: a reaper finds the tree by it all the same.
            log.warn("could not record live child {} of {}/{}: {}", child.pid(), project, name, e.toString());
        }
        history.record(project, name, "started", child.pid(), null, null, null);
        HaltPoint.reached("launch.started");
        Instant startedAt = clock.instant();
        Service.Run run = new Service.Run(plan.generation(), child, startedAt, probeRunner, drained,
                new CpuSampler(clock, startedAt), new RunTree(control, child, token));
        return new Started(run, port);
    }

    /** Completes run.treeGone once the whole tree is gone (see {@link RunTree#stop}). */
    void stop(Service.Run run, Signal sig, Duration timeout) {
        run.tree.stop(sig, timeout, scheduler, worker, run.treeGone);
        HaltPoint.reached("stop.signalled");
    }

    /** Waits (up to drain_timeout) for the last lines to be on disk before the end is declared; ends the probe. */
    void drain(String project, String service, Service.Run run) {
        try {
            run.drained.get(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("log pumps of {}/{} did not drain: {}", project, service, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (run.probe != null) {
            run.probe.cancel();
        }
    }

    /**
     * Removes the record of an ended run. Only once its end is in the history (both run after the lock, in that
     * order): a daemon killed in between finds the record and writes an end of its own, never a start without one.
     */
    void forget(Service.Run run) {
        try {
            store.removeLaunch(run.tree.token());
        } catch (RuntimeException e) {
            log.warn("could not remove live child {}: {}", run.pid, e.toString());
        }
    }

    private void forgetLaunch(String token) {
        try {
            store.removeLaunch(token);
        } catch (RuntimeException e) {
            log.warn("could not remove the record of a failed launch: {}", e.toString());
        }
    }

    private Map<String, String> environment(String project, LaunchPlan plan, int port) {
        Map<String, String> env = new HashMap<>(plan.baseEnv());
        env.putAll(plan.spec().env());
        // A client started inside another service passes that run's mark on: it must not reach this one's probes.
        env.remove(RunToken.VARIABLE);
        env.put("TEND_PROJECT", project);
        env.put("TEND_SERVICE", plan.spec().name());
        env.put("TEND_INSTANCE", config.instance());
        env.putAll(plan.dependencyPorts());
        if (port > 0) {
            env.put("PORT", Integer.toString(port));
        }
        return env;
    }
}
