package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.probe.ProbeContext;
import dev.tend.daemon.core.probe.ProbeRunner;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.probe.Probes;
import dev.tend.daemon.core.process.CpuSampler;
import dev.tend.daemon.core.process.ExecForm;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.run.ProcessRun;
import dev.tend.daemon.core.run.RunStarter;
import dev.tend.daemon.core.time.Timer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process work of a service's runs, done outside the supervisor's lock: starting one (port, environment, probe,
 * then a {@link ProcessRun} with its record and log capture) and its stop sequence. The state those steps lead to
 * is the supervisor's to set.
 */
final class ServiceRuns {

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
    private final RunStarter starter;

    /** @param timer where stop timeouts run out */
    ServiceRuns(SupervisorConfig config, ProcessLauncher launcher, ProcessControl control, StateStore store,
                ServiceHistory history, SerialState<SupervisorListener, ?> serial, Clock clock, Timer timer,
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
        this.starter = new RunStarter(launcher, control, timer, scheduler, worker, config.drainTimeout());
    }

    /**
     * Starts the run: its port, environment and probe, the record of its mark, the child, the capture of its output.
     *
     * @param autoPort picks the auto port, given the one kept from an earlier start (0: none)
     * @throws IOException or a RuntimeException if it could not start; nothing of it is left on record then
     */
    Started start(String project, LaunchPlan plan, AutoPort autoPort) throws IOException {
        ServiceSpec spec = plan.spec();
        String name = spec.name();
        int port = spec.autoPort() ? autoPort.pick(plan.keptPort()) : spec.port();
        Map<String, String> env = environment(project, plan, port);
        ProbeContext probeContext = new ProbeContext(port, plan.cwd(), env, ProbeSpec.DEFAULT_ATTEMPT_TIMEOUT, launcher,
                control, worker);
        ProbeRunner probe = spec.ready() == null ? null : probe(spec.ready(), probeContext);
        LiveChild launching = LiveChild.launching(project, name, RunToken.random(),
                spec.stopSignal() != null ? spec.stopSignal() : Signal.TERM,
                spec.stopTimeout() != null ? spec.stopTimeout() : ServiceSpec.DEFAULT_STOP_TIMEOUT);
        // The probe's processes are the daemon's, not the service's: only the child gets the run's mark.
        ProcessRun process = starter.start(project + "/" + name, ExecForm.of(spec.command()), plan.cwd(), env,
                new StoredLaunch(store, launching, "launch"), (out, err) -> plan.log().capture(project + "/" + name,
                        out, err, lines -> {
                            if (probe != null) {
                                probe.onLines(lines);
                            }
                            List<LogLine> copy = List.copyOf(lines);
                            serial.dispatch(l -> l.logAppended(project, name, copy));
                        }));
        try {
            history.record(project, name, "started", process.pid(), null, null, null);
            HaltPoint.reached("launch.started");
            Instant startedAt = clock.instant();
            Service.Run run = new Service.Run(plan.generation(), process, startedAt, probe,
                    new CpuSampler(clock, startedAt), probeContext);
            return new Started(run, port);
        } catch (RuntimeException e) {
            process.abandon(e);
            throw e;
        }
    }

    private ProbeRunner probe(ProbeSpec r, ProbeContext context) {
        Duration interval = r.interval() != null ? r.interval() : config.probeInterval();
        Duration timeout = r.timeout() != null ? r.timeout() : config.probeTimeout();
        Duration attempt = r.attemptTimeout() != null ? r.attemptTimeout() : ProbeSpec.DEFAULT_ATTEMPT_TIMEOUT;
        return new ProbeRunner(Probes.create(r, context.withAttemptTimeout(attempt)), interval, timeout, scheduler,
                worker);
    }

    /** One service's stop: its run, its stop signal and timeout, and its stop_command (or null). */
    record StopRequest(Service.Run run, Signal signal, Duration timeout, String stopCommand) {
    }

    /**
     * The stop sequences (see {@link ProcessRun#stop}) of the services one locked section stopped: those asked by a
     * stop_command one by one, the others by their signals all at once ({@link ProcessRun#stopAll}). Each run's end
     * waits for its sequence.
     */
    void stop(List<StopRequest> requests) {
        List<ProcessRun.Stop> bySignal = new ArrayList<>();
        for (StopRequest r : requests) {
            if (r.stopCommand() == null) {
                bySignal.add(new ProcessRun.Stop(r.run().process, r.signal(), r.timeout()));
            } else {
                worker.execute(() -> { // a stop_command is a launch: each on its own, as a start is
                    if (r.run().process.stop(r.signal(), r.timeout(), r.stopCommand())) {
                        HaltPoint.reached("stop.signalled");
                    }
                });
            }
        }
        ProcessRun.stopAll(bySignal).forEach(begun -> HaltPoint.reached("stop.signalled"));
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
