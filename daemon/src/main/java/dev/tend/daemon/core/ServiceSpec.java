package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.watch.WatchSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One service as a project file declares it, fully resolved: cwd absolute, env_file contents merged
 * under env. Value equality is what `reload` compares to decide whether a service must restart.
 *
 * @param dependsOn what it waits for before it starts, each with its condition (a plain name: ready)
 * @param env       variables added to the project's base environment (env_file first, then env)
 * @param ready     readiness probe, or null: then the service counts as ready once running
 * @param autoPort  `port: auto`: a free TCP port is chosen at the first start, kept while free, exported as PORT
 * @param port      a fixed port from `port: N`, or 0
 * @param minUptime without a probe, how long the process must stay up before it counts as ready (`min_uptime`)
 * @param onFailure `on_failure`: a shell command run (by daemon.hooks) after the service crashed or failed, or null
 * @param onReady   `on_ready`: a shell command run each time the service becomes ready, or null
 * @param health    `alive:` and `max_memory:` ({@link Health#NONE} when neither is set, never null); a change of
 *                  it (or of the hooks) alone does not restart the service at a reload (see {@link #sameLaunch})
 * @param watch     `watch:`, or null; a change of it alone does not restart the service at a reload either
 * @param autostart false (`autostart: false`): `up` of the whole project leaves it stopped; it starts when named,
 *                  or as what a starting service depends on. A change of it alone restarts nothing
 * @param successExitCodes the exit values that count as success (`success_exit_codes`, default 0 alone), as the
 *                  shell reports them: a death by signal N is 128+N (Java cannot tell `exit 130` from SIGINT)
 * @param restartDelay `restart_delay`: the fixed wait before every automatic restart, or null for the doubling
 *                  backoff of {@link RestartPolicy}
 * @param labels    `description:` and `namespace:` ({@link ServiceLabels#NONE} when neither is set, never null)
 * @param stopCommand `stop_command`: run to ask the service to stop instead of sending stop_signal, or null; read
 *                  at each stop, so a change of it alone restarts nothing
 */
public record ServiceSpec(
        String name,
        String command,
        Path cwd,
        Map<String, String> env,
        List<Dependency> dependsOn,
        ProbeSpec ready,
        RestartMode restart,
        int maxRestarts,
        Signal stopSignal,
        Duration stopTimeout,
        boolean autoPort,
        int port,
        Duration minUptime,
        String onFailure,
        String onReady,
        Health health,
        WatchSpec watch,
        boolean autostart,
        Set<Integer> successExitCodes,
        Duration restartDelay,
        ServiceLabels labels,
        String stopCommand) {

    public static final int DEFAULT_MAX_RESTARTS = 10;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a missing command, a bad flag or a failed bind to show, short enough not to be felt. */
    public static final Duration DEFAULT_MIN_UPTIME = Duration.ofSeconds(1);

    /** Success is exit code 0 unless success_exit_codes says otherwise. */
    public static final Set<Integer> DEFAULT_SUCCESS_EXIT_CODES = Set.of(0);

    public ServiceSpec {
        labels = labels == null ? ServiceLabels.NONE : labels;
        successExitCodes = successExitCodes == null ? DEFAULT_SUCCESS_EXIT_CODES : Set.copyOf(successExitCodes);
        env = Map.copyOf(env);
        dependsOn = List.copyOf(dependsOn);
        minUptime = minUptime == null ? DEFAULT_MIN_UPTIME : minUptime;
        health = health == null ? Health.NONE : health;
    }

    /** Started by `up`. */
    public ServiceSpec(String name, String command, Path cwd, Map<String, String> env, List<Dependency> dependsOn,
                       ProbeSpec ready, RestartMode restart, int maxRestarts, Signal stopSignal, Duration stopTimeout,
                       boolean autoPort, int port, Duration minUptime, String onFailure, String onReady, Health health,
                       WatchSpec watch) {
        this(name, command, cwd, env, dependsOn, ready, restart, maxRestarts, stopSignal, stopTimeout, autoPort, port,
                minUptime, onFailure, onReady, health, watch, true, DEFAULT_SUCCESS_EXIT_CODES, null,
                ServiceLabels.NONE, null);
    }

    /** Without watch. */
    public ServiceSpec(String name, String command, Path cwd, Map<String, String> env, List<Dependency> dependsOn,
                       ProbeSpec ready, RestartMode restart, int maxRestarts, Signal stopSignal, Duration stopTimeout,
                       boolean autoPort, int port, Duration minUptime, String onFailure, String onReady, Health health) {
        this(name, command, cwd, env, dependsOn, ready, restart, maxRestarts, stopSignal, stopTimeout, autoPort, port,
                minUptime, onFailure, onReady, health, null);
    }

    /** Without alive or max_memory. */
    public ServiceSpec(String name, String command, Path cwd, Map<String, String> env, List<Dependency> dependsOn,
                       ProbeSpec ready, RestartMode restart, int maxRestarts, Signal stopSignal, Duration stopTimeout,
                       boolean autoPort, int port, Duration minUptime, String onFailure, String onReady) {
        this(name, command, cwd, env, dependsOn, ready, restart, maxRestarts, stopSignal, stopTimeout, autoPort, port,
                minUptime, onFailure, onReady, Health.NONE);
    }

    /** Without hooks. */
    public ServiceSpec(String name, String command, Path cwd, Map<String, String> env, List<Dependency> dependsOn,
                       ProbeSpec ready, RestartMode restart, int maxRestarts, Signal stopSignal, Duration stopTimeout,
                       boolean autoPort, int port, Duration minUptime) {
        this(name, command, cwd, env, dependsOn, ready, restart, maxRestarts, stopSignal, stopTimeout, autoPort, port,
                minUptime, null, null);
    }

    /** With the default min_uptime. */
    public ServiceSpec(String name, String command, Path cwd, Map<String, String> env, List<Dependency> dependsOn,
                       ProbeSpec ready, RestartMode restart, int maxRestarts, Signal stopSignal, Duration stopTimeout,
                       boolean autoPort, int port) {
        this(name, command, cwd, env, dependsOn, ready, restart, maxRestarts, stopSignal, stopTimeout, autoPort, port,
                DEFAULT_MIN_UPTIME);
    }

    /** The same service on a fixed port. */
    public ServiceSpec withPort(int fixedPort) {
        return toBuilder().autoPort(false).port(fixedPort).build();
    }

    /** The same service waiting for other dependencies (a dependency on a replicated service: on each copy). */
    public ServiceSpec withDependsOn(List<Dependency> other) {
        return toBuilder().dependsOn(other).build();
    }

    /** Copy {@code index} (1-based) of this service: its own name, and TEND_REPLICA in its environment. */
    public ServiceSpec asCopy(String copyName, int index) {
        Map<String, String> copyEnv = new java.util.LinkedHashMap<>(env);
        copyEnv.put(Replicas.ENV, Integer.toString(index));
        if (copyEnv.containsKey(Replicas.PROCESS_COMPOSE_ENV)) {
            copyEnv.put(Replicas.PROCESS_COMPOSE_ENV, Integer.toString(index - 1)); // a process-compose file's, from 0
        }
        return toBuilder().name(copyName).env(copyEnv).build();
    }

    /** The same service with other liveness and memory settings. */
    public ServiceSpec withHealth(Health other) {
        return toBuilder().health(other).build();
    }

    /** The same service with other hooks. */
    public ServiceSpec withHooks(String failure, String ready) {
        return toBuilder().onFailure(failure).onReady(ready).build();
    }

    /** The same service with other watch settings (null: none). */
    public ServiceSpec withWatch(WatchSpec other) {
        return toBuilder().watch(other).build();
    }

    /** The same service with other exit values counting as success. */
    public ServiceSpec withSuccessExitCodes(Set<Integer> other) {
        return toBuilder().successExitCodes(other).build();
    }

    /** The same service stopped by another command (null: by its stop signal). */
    public ServiceSpec withStopCommand(String other) {
        return toBuilder().stopCommand(other).build();
    }

    /** The same service with other labels. */
    public ServiceSpec withLabels(ServiceLabels other) {
        return toBuilder().labels(other).build();
    }

    /** The same service with another fixed restart delay (null: the backoff). */
    public ServiceSpec withRestartDelay(Duration other) {
        return toBuilder().restartDelay(other).build();
    }

    /** Whether the end counts as success: its exit value (128+N for signal N) is one of {@link #successExitCodes}. */
    public boolean succeeded(ExitStatus end) {
        return successExitCodes.contains(end.killedBySignal() ? 128 + end.signal() : end.code());
    }

    /** The same service, started by `up` or not. */
    public ServiceSpec withAutostart(boolean other) {
        return toBuilder().autostart(other).build();
    }

    /**
     * Whether the two differ at most in what the supervisor reads from outside the process: {@link #health}, the
     * hooks, {@link #watch}, {@link #autostart}, {@link #labels}, how it is restarted ({@link #restart},
     * {@link #maxRestarts}, {@link #restartDelay}, {@link #successExitCodes}: read when it ends) and how it is stopped
     * ({@link #stopSignal}, {@link #stopTimeout}, {@link #stopCommand}: read when it is stopped). What a running
     * process of one is, it is of the other, so a reload that changes only these restarts nothing.
     */
    public boolean sameLaunch(ServiceSpec other) {
        return other != null && toBuilder().health(other.health).onFailure(other.onFailure).onReady(other.onReady)
                .watch(other.watch).autostart(other.autostart).labels(other.labels)
                .restart(other.restart).maxRestarts(other.maxRestarts).restartDelay(other.restartDelay)
                .successExitCodes(other.successExitCodes)
                .stopSignal(other.stopSignal).stopTimeout(other.stopTimeout).stopCommand(other.stopCommand)
                .build().equals(other);
    }

    /** An ad-hoc service (`tend run`): no dependencies, no probe, defaults elsewhere. */
    public static ServiceSpec adhoc(String name, String command, Path cwd, Map<String, String> env, RestartMode restart) {
        return new ServiceSpec(name, command, cwd, env, List.of(), null, restart, DEFAULT_MAX_RESTARTS,
                Signal.TERM, DEFAULT_STOP_TIMEOUT, false, 0);
    }

    /** This service's settings, to change some (too many components to name them all at each change). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.command = command;
        b.cwd = cwd;
        b.env = env;
        b.dependsOn = dependsOn;
        b.ready = ready;
        b.restart = restart;
        b.maxRestarts = maxRestarts;
        b.stopSignal = stopSignal;
        b.stopTimeout = stopTimeout;
        b.autoPort = autoPort;
        b.port = port;
        b.minUptime = minUptime;
        b.onFailure = onFailure;
        b.onReady = onReady;
        b.health = health;
        b.watch = watch;
        b.autostart = autostart;
        b.successExitCodes = successExitCodes;
        b.restartDelay = restartDelay;
        b.labels = labels;
        b.stopCommand = stopCommand;
        return b;
    }

    /** A ServiceSpec with some settings changed: {@code spec.toBuilder().port(8080).build()}. */
    public static final class Builder {
        private String name;
        private String command;
        private Path cwd;
        private Map<String, String> env;
        private List<Dependency> dependsOn;
        private ProbeSpec ready;
        private RestartMode restart;
        private int maxRestarts;
        private Signal stopSignal;
        private Duration stopTimeout;
        private boolean autoPort;
        private int port;
        private Duration minUptime;
        private String onFailure;
        private String onReady;
        private Health health;
        private WatchSpec watch;
        private boolean autostart;
        private Set<Integer> successExitCodes;
        private Duration restartDelay;
        private ServiceLabels labels;
        private String stopCommand;

        private Builder() {
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder command(String value) {
            command = value;
            return this;
        }

        public Builder cwd(Path value) {
            cwd = value;
            return this;
        }

        public Builder env(Map<String, String> value) {
            env = value;
            return this;
        }

        public Builder dependsOn(List<Dependency> value) {
            dependsOn = value;
            return this;
        }

        public Builder ready(ProbeSpec value) {
            ready = value;
            return this;
        }

        public Builder restart(RestartMode value) {
            restart = value;
            return this;
        }

        public Builder maxRestarts(int value) {
            maxRestarts = value;
            return this;
        }

        public Builder stopSignal(Signal value) {
            stopSignal = value;
            return this;
        }

        public Builder stopTimeout(Duration value) {
            stopTimeout = value;
            return this;
        }

        public Builder autoPort(boolean value) {
            autoPort = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder minUptime(Duration value) {
            minUptime = value;
            return this;
        }

        public Builder onFailure(String value) {
            onFailure = value;
            return this;
        }

        public Builder onReady(String value) {
            onReady = value;
            return this;
        }

        public Builder health(Health value) {
            health = value;
            return this;
        }

        public Builder watch(WatchSpec value) {
            watch = value;
            return this;
        }

        public Builder autostart(boolean value) {
            autostart = value;
            return this;
        }

        public Builder successExitCodes(Set<Integer> value) {
            successExitCodes = value;
            return this;
        }

        public Builder restartDelay(Duration value) {
            restartDelay = value;
            return this;
        }

        public Builder labels(ServiceLabels value) {
            labels = value;
            return this;
        }

        public Builder stopCommand(String value) {
            stopCommand = value;
            return this;
        }

        public ServiceSpec build() {
            return new ServiceSpec(name, command, cwd, env, dependsOn, ready, restart, maxRestarts, stopSignal,
                    stopTimeout, autoPort, port, minUptime, onFailure, onReady, health, watch, autostart,
                    successExitCodes, restartDelay, labels, stopCommand);
        }
    }
}
