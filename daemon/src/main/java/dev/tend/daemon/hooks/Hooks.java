package dev.tend.daemon.hooks;

import dev.tend.daemon.core.DaemonThreads;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.SupervisorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs the hooks (docs/hooks.md) as an observer of the supervisor: its callbacks only note the state and hand what
 * a change set off to a few hook threads through a bounded queue, so a slow or hanging hook never holds up
 * supervision nor the events of anyone else. When the queue is full, the hook is dropped and the drop logged.
 */
public final class Hooks implements SupervisorListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hooks.class);
    static final int THREADS = 2;
    static final int QUEUE = 64;

    /** The daemon-wide hook settings of config.yaml, read anew for each change (a reload applies at once). */
    public record Config(String onFailed, Duration timeout) {
    }

    private final HookRunner runner;
    private final BiFunction<String, String, ServiceSpec> specs;
    private final Supplier<Config> settings;
    private final Path home;
    private final ThreadPoolExecutor pool;
    /** The last state seen of each service ("project/name"); only the dispatcher thread touches it. */
    private final Map<String, ServiceState> seen = new HashMap<>();

    /**
     * @param specs a service's spec now (project, name); throws if it is gone
     * @param home  where the daemon-wide hooks run
     */
    Hooks(HookRunner runner, BiFunction<String, String, ServiceSpec> specs, Supplier<Config> settings, Path home) {
        this.runner = runner;
        this.specs = specs;
        this.settings = settings;
        this.home = home;
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                DaemonThreads.named("tend-hook"));
        pool.allowCoreThreadTimeOut(true);
    }

    /** Hooks that run real processes, from the daemon's environment. */
    public static Hooks create(dev.tend.daemon.core.process.ProcessLauncher launcher,
                               dev.tend.daemon.core.process.ProcessControl control, Map<String, String> daemonEnv,
                               BiFunction<String, String, ServiceSpec> specs, Supplier<Config> settings, Path home) {
        return new Hooks(new HookRunner(launcher, control, daemonEnv), specs, settings, home);
    }

    @Override
    public void serviceChanged(ServiceSnapshot service) {
        ServiceState before = seen.put(key(service.project(), service.name()), service.state());
        Set<HookTrigger> fired = HookTrigger.of(before, service.state(), service.exitCode());
        if (fired.isEmpty()) {
            return;
        }
        try {
            pool.execute(() -> runAll(fired, service));
        } catch (RejectedExecutionException e) {
            log.warn("hooks of {}/{} ({}) not run: {} hooks wait already, or the daemon is stopping",
                    service.project(), service.name(), service.state().wireName(), QUEUE);
        }
    }

    @Override
    public void serviceRemoved(String project, String service) {
        seen.remove(key(project, service));
    }

    private void runAll(Set<HookTrigger> fired, ServiceSnapshot service) {
        ServiceSpec spec;
        try {
            spec = specs.apply(service.project(), service.name());
        } catch (RuntimeException gone) {
            spec = null; // removed meanwhile: only the daemon-wide hook still applies
        }
        Config now = settings.get();
        List<HookCall> calls = HookCall.of(fired, service, spec, now.onFailed(), home);
        for (HookCall call : calls) {
            try {
                runner.run(call, now.timeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("hook {} failed: {}", call.label(), e.toString());
            }
        }
    }

    /** Drops the hooks that wait and kills those that run: the daemon is going away. */
    @Override
    public void close() {
        runner.killAll();
        pool.shutdownNow(); // a hook's thread that was interrupted kills its own tree too (HookRunner.run)
    }

    private static String key(String project, String service) {
        return project + "/" + service;
    }
}
