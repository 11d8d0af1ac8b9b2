package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.logs.LogPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link JobScheduler} works.
 *
 * @param logsDir      a run's output goes to logsDir/&lt;project&gt;/jobs/&lt;job&gt;/&lt;run id&gt;.log
 * @param instance     exported to runs as TEND_INSTANCE
 * @param drainTimeout how long an ended run waits for its log pumps before it is recorded as ended
 * @param stopGrace    at daemon shutdown, how long a run has between SIGTERM and SIGKILL
 * @param keepRunLogs  the log files of this many newest runs are kept per job; older ones are deleted
 */
public record JobsConfig(Path logsDir, LogPolicy logPolicy, String instance, Duration drainTimeout, Duration stopGrace,
                         int keepRunLogs) {

    public JobsConfig {
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(logPolicy, "logPolicy");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (keepRunLogs < 1) {
            throw new IllegalArgumentException("keepRunLogs must be at least 1, got " + keepRunLogs);
        }
    }

    public static JobsConfig defaults(Path logsDir, String instance) {
        return new JobsConfig(logsDir, LogPolicy.DEFAULTS, instance, Duration.ofSeconds(2), Duration.ofSeconds(5), 50);
    }
}
