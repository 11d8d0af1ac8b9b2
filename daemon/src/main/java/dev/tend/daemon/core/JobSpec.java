package dev.tend.daemon.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * A scheduled job as a project file declares it. The schedule is already validated: a 5-field cron
 * expression, 6 fields with seconds first, or "@every DURATION" (and the usual @hourly/@daily macros).
 *
 * @param timeout how long a run may take before its whole process tree is killed (SIGKILL); null: no limit
 * @param catchUp run once after the daemon was down over a scheduled time (as systemd's Persistent=)
 */
public record JobSpec(
        String name,
        String schedule,
        String command,
        Path cwd,
        Map<String, String> env,
        ZoneId timezone,
        Overlap overlap,
        Duration timeout,
        boolean catchUp) {

    public enum Overlap { SKIP, QUEUE, ALLOW }

    public JobSpec {
        env = Map.copyOf(env);
    }

    /** A job without timeout and without catch-up. */
    public JobSpec(String name, String schedule, String command, Path cwd, Map<String, String> env, ZoneId timezone,
                   Overlap overlap) {
        this(name, schedule, command, cwd, env, timezone, overlap, null, false);
    }
}
