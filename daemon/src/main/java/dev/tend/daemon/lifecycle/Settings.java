package dev.tend.daemon.lifecycle;

import dev.tend.daemon.core.logs.LogPolicy;

import java.time.Duration;

/**
 * Daemon-wide settings from config.yaml (docs/daemon.md). Every key is optional:
 * <pre>
 * logs:
 *   max_file_size: 10MiB   # a service log rotates at this size
 *   files: 5               # the live file plus rotated ones kept
 *   max_line: 64KiB        # longer lines are cut and marked
 * idle_timeout: 30m        # exit when no client and no service for this long (default: never)
 * log_level: info          # the daemon's own log: trace, debug, info, warn, error (TEND_LOG wins)
 * hooks:
 *   on_failed: CMD         # run for every service that reaches failed (docs/hooks.md)
 *   timeout: 30s           # a hook still running after this is killed with its tree (every hook)
 * </pre>
 */
public record Settings(LogPolicy logs, Duration idleTimeout, String logLevel, long fileModifiedMillis, Hooks hooks) {

    public static final Settings DEFAULTS = new Settings(LogPolicy.DEFAULTS, null, "info", 0, Hooks.DEFAULTS);

    /** @param onFailed the daemon-wide `hooks.on_failed` command, or null */
    public record Hooks(String onFailed, Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
        public static final Hooks DEFAULTS = new Hooks(null, DEFAULT_TIMEOUT);
    }
}
