package dev.tend.daemon.core;

import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.logs.LogPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Supervisor} works.
 *
 * @param logsDir        service logs go to logsDir/&lt;project&gt;/&lt;service&gt;.log
 * @param instance       exported to children as TEND_INSTANCE
 * @param restart        backoff and stability thresholds (tests use millisecond values)
 * @param probeInterval  used when a probe does not give its own interval
 * @param probeTimeout   used when a probe does not give its own timeout
 * @param drainTimeout   how long an exit waits for the log pumps to reach EOF before it is declared
 */
public record SupervisorConfig(Path logsDir, LogPolicy logPolicy, String instance, RestartPolicy.Settings restart,
                               Duration probeInterval, Duration probeTimeout, Duration drainTimeout) {

    public SupervisorConfig {
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(logPolicy, "logPolicy");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    /** The defaults docs/project-file.md and docs/supervision.md document. */
    public static SupervisorConfig defaults(Path logsDir, String instance) {
        return new SupervisorConfig(logsDir, LogPolicy.DEFAULTS, instance, RestartPolicy.Settings.DEFAULTS,
                ProbeSpec.DEFAULT_INTERVAL, ProbeSpec.DEFAULT_TIMEOUT, Duration.ofSeconds(2));
    }

    public SupervisorConfig withLogPolicy(LogPolicy policy) {
        return new SupervisorConfig(logsDir, policy, instance, restart, probeInterval, probeTimeout, drainTimeout);
    }

    public SupervisorConfig withRestart(RestartPolicy.Settings settings) {
        return new SupervisorConfig(logsDir, logPolicy, instance, settings, probeInterval, probeTimeout, drainTimeout);
    }
}
