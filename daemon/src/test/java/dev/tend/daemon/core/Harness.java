package dev.tend.daemon.core;

import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.time.Timer;
import dev.tend.daemon.core.time.VirtualTimer;
import dev.tend.daemon.store.SqliteStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A supervisor on real processes, a real SQLite file and real log files in a temporary directory, with
 * millisecond backoff. close() shuts it down and kills any process it ever saw, so no test leaves one behind.
 */
final class Harness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final RestartPolicy.Settings FAST =
            new RestartPolicy.Settings(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30));

    final Path dir;
    final PosixProcessControl control = new PosixProcessControl();
    final PosixProcessLauncher launcher = new PosixProcessLauncher();
    final SqliteStore store;
    final Supervisor sup;
    final List<Event> events = new CopyOnWriteArrayList<>();
    /** Everything listeners saw, in order: "state:&lt;service&gt;:&lt;state&gt;" and "log:&lt;service&gt;:&lt;text&gt;". */
    final List<String> timeline = new CopyOnWriteArrayList<>();
    /** Every pid seen, with its start time: close() kills what still runs with that same start time. */
    private final Map<Long, java.time.Instant> pids = new java.util.concurrent.ConcurrentHashMap<>();

    record Event(ServiceSnapshot snapshot) {
    }

    Harness(Path dir) {
        this(dir, SqliteStore.open(dir.resolve("tend.db")));
    }

    /** With the backoff and min_uptime waits on the given timer (a {@link VirtualTimer}: in virtual time). */
    Harness(Path dir, Timer timer) {
        this(dir, SqliteStore.open(dir.resolve("tend.db")), java.util.function.UnaryOperator.identity(),
                Clock.systemUTC(), timer, java.util.function.UnaryOperator.identity());
    }

    Harness(Path dir, SqliteStore store) {
        this(dir, store, java.util.function.UnaryOperator.identity(), Clock.systemUTC());
    }

    /**
     * @param controlSeen what the supervisor gets instead of the real process control (a test's stand-in that
     *                    delegates); the harness itself still cleans up with the real one
     */
    Harness(Path dir, SqliteStore store, java.util.function.UnaryOperator<dev.tend.daemon.core.process.ProcessControl> controlSeen,
            Clock clock) {
        this(dir, store, controlSeen, clock, null, java.util.function.UnaryOperator.identity());
    }

    /** With the supervisor's process control replaced (a stand-in that delegates) and its waits on the timer. */
    static Harness withControlAndTimer(Path dir,
                                       java.util.function.UnaryOperator<dev.tend.daemon.core.process.ProcessControl> controlSeen,
                                       Timer timer) {
        return new Harness(dir, SqliteStore.open(dir.resolve("tend.db")), controlSeen, Clock.systemUTC(), timer,
                java.util.function.UnaryOperator.identity());
    }

    /** With what the supervisor gets instead of the real launcher (a test's stand-in that delegates to it). */
    static Harness withLauncher(Path dir,
                                java.util.function.UnaryOperator<dev.tend.daemon.core.process.ProcessLauncher> launcherSeen) {
        return new Harness(dir, SqliteStore.open(dir.resolve("tend.db")), java.util.function.UnaryOperator.identity(),
                Clock.systemUTC(), null, launcherSeen);
    }

    private Harness(Path dir, SqliteStore store,
                    java.util.function.UnaryOperator<dev.tend.daemon.core.process.ProcessControl> controlSeen, Clock clock,
                    Timer timer,
                    java.util.function.UnaryOperator<dev.tend.daemon.core.process.ProcessLauncher> launcherSeen) {
        this.dir = dir;
        this.store = store;
        SupervisorConfig config = new SupervisorConfig(dir.resolve("logs"), LogPolicy.DEFAULTS, "test", FAST,
                Duration.ofMillis(50), Duration.ofSeconds(20), Duration.ofSeconds(2));
        this.sup = new Supervisor(config, launcherSeen.apply(launcher), controlSeen.apply(control), store, clock, timer);
        sup.addListener(new SupervisorListener() {
            @Override
            public void serviceChanged(ServiceSnapshot service) {
                events.add(new Event(service));
                timeline.add("state:" + service.name() + ":" + service.state().wireName());
                if (service.pid() > 0) {
                    track(service.pid());
                }
            }

            @Override
            public void projectChanged(ProjectInfo project) {
                timeline.add("project:" + project.name() + ":" + project.problem());
            }

            @Override
            public void projectRemoved(String project) {
                timeline.add("removed:" + project);
            }

            @Override
            public void logAppended(String project, String service, List<dev.tend.daemon.core.logs.LogLine> lines) {
                lines.forEach(l -> timeline.add("log:" + service + ":" + l.text()));
            }
        });
    }

    static ServiceSpec service(String name, String command, String... dependsOn) {
        return new ServiceSpec(name, command, null, Map.of(), Dependency.allReady(Arrays.asList(dependsOn)), null, RestartMode.ON_FAILURE, 2,
                Signal.TERM, Duration.ofSeconds(5), false, 0);
    }

    static ServiceSpec withRestart(ServiceSpec s, RestartMode mode, int maxRestarts) {
        return new ServiceSpec(s.name(), s.command(), s.cwd(), s.env(), s.dependsOn(), s.ready(), mode, maxRestarts,
                s.stopSignal(), s.stopTimeout(), s.autoPort(), s.port());
    }

    /** The service waiting for these dependencies, each with its condition. */
    static ServiceSpec dependsOn(ServiceSpec s, Dependency... deps) {
        return new ServiceSpec(s.name(), s.command(), s.cwd(), s.env(), List.of(deps), s.ready(), s.restart(),
                s.maxRestarts(), s.stopSignal(), s.stopTimeout(), s.autoPort(), s.port());
    }

    static ServiceSpec withProbe(ServiceSpec s, ProbeSpec probe, boolean autoPort) {
        return new ServiceSpec(s.name(), s.command(), s.cwd(), s.env(), s.dependsOn(), probe, s.restart(),
                s.maxRestarts(), s.stopSignal(), s.stopTimeout(), autoPort, s.port());
    }

    ProjectSpec project(String name, ServiceSpec... services) {
        Map<String, ServiceSpec> map = new LinkedHashMap<>();
        for (ServiceSpec s : services) {
            map.put(s.name(), s);
        }
        return new ProjectSpec(name, dir, dir.resolve("tend.yaml"), map, Map.of());
    }

    ServiceSnapshot get(String project, String service) {
        return sup.list(project).stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + project + "/" + service));
    }

    ServiceSnapshot await(String project, String service, ServiceState state) {
        return awaitThat(project, service, s -> s.state() == state, "state " + state);
    }

    ServiceSnapshot awaitThat(String project, String service, java.util.function.Predicate<ServiceSnapshot> p,
                              String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ServiceSnapshot last = null;
        while (System.nanoTime() < deadline) {
            last = get(project, service);
            if (p.test(last)) {
                return last;
            }
            sleep(20);
        }
        throw new AssertionError(project + "/" + service + " did not reach " + what + "; last: " + last);
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    boolean alive(long pid) {
        return control.startTime(pid).isPresent();
    }

    /** Events of one service in seq order. */
    List<ServiceSnapshot> eventsOf(String service) {
        List<ServiceSnapshot> out = new ArrayList<>();
        for (Event e : events) {
            if (e.snapshot().name().equals(service)) {
                out.add(e.snapshot());
            }
        }
        return out;
    }

    /** Where the service's first event in that state is in the order events were heard, or -1. */
    int firstIndex(String service, ServiceState state) {
        return firstIndex(service, s -> s.state() == state);
    }

    /** Where the first event of the service that matches is in the order events were heard, or -1. */
    int firstIndex(String service, java.util.function.Predicate<ServiceSnapshot> matches) {
        List<Event> heard = List.copyOf(events);
        for (int i = 0; i < heard.size(); i++) {
            if (heard.get(i).snapshot().name().equals(service) && matches.test(heard.get(i).snapshot())) {
                return i;
            }
        }
        return -1;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    long track(long pid) {
        control.startTime(pid).ifPresent(t -> pids.putIfAbsent(pid, t));
        return pid;
    }

    @Override
    public void close() throws Exception {
        try {
            sup.shutdown().get(60, TimeUnit.SECONDS);
        } finally {
            Set<Long> all = new HashSet<>();
            pids.forEach((pid, started) -> {
                if (started.equals(control.startTime(pid).orElse(null))) {
                    all.addAll(control.tree(pid));
                }
            });
            control.kill(all);
            store.close();
        }
    }
}
