package dev.tend.daemon.core;

import java.time.Duration;

/**
 * A readiness probe (`ready:` in tend.yaml). The target is a port (tcp), a URL (http), a shell command
 * (exec) or a regular expression matched against each log line (log).
 */
public record ProbeSpec(Kind kind, String target, Duration interval, Duration timeout) {

    public enum Kind { TCP, HTTP, EXEC, LOG }

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /** How long a probe may keep failing before the service counts as failed to start. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
}
