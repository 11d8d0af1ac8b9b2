package dev.tend.daemon.core;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * A scheduled job as a project file declares it. The schedule is already validated: a 5-field cron
 * expression, 6 fields with seconds first, or "@every DURATION" (and the usual @hourly/@daily macros).
 */
public record JobSpec(
        String name,
        String schedule,
        String command,
        Path cwd,
        Map<String, String> env,
        ZoneId timezone,
        Overlap overlap) {

    public enum Overlap { SKIP, QUEUE, ALLOW }

    public JobSpec {
        env = Map.copyOf(env);
    }
}
