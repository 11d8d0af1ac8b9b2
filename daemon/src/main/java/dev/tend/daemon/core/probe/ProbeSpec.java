package dev.tend.daemon.core.probe;

import java.time.Duration;

/**
 * A readiness probe (`ready:` in tend.yaml). The target is a port (tcp), a URL (http), a shell command
 * (exec) or a regular expression matched against each log line (log).
 *
 * @param interval       the pause between the end of one attempt and the start of the next; null: the default
 * @param timeout        how long the probe may keep failing overall; null: the default
 * @param attemptTimeout how long one connect, request or command may take before it counts as failed; null:
 *                       the default. Independent of the interval: attempts never overlap.
 */
public record ProbeSpec(Kind kind, String target, Duration interval, Duration timeout, Duration attemptTimeout) {

    public enum Kind { TCP, HTTP, EXEC, LOG }

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    /** How long a probe may keep failing before the service counts as failed to start. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Long enough for a health endpoint that does real work (a database ping) to answer. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    /** With the default attempt timeout. */
    public ProbeSpec(Kind kind, String target, Duration interval, Duration timeout) {
        this(kind, target, interval, timeout, DEFAULT_ATTEMPT_TIMEOUT);
    }
}
