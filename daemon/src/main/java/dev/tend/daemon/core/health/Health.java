package dev.tend.daemon.core.health;

import dev.tend.daemon.core.probe.ProbeSpec;

import java.time.Duration;
import java.util.Objects;

/**
 * What keeps a running service honest beyond its exit: a liveness probe (`alive:`) and a memory limit
 * (`max_memory:`). Either may be absent; {@link #NONE} has neither. Neither is part of how a service is launched,
 * so a reload that changes only this applies it to the running process, without a restart.
 *
 * @param alive          the liveness probe, or null
 * @param maxMemoryBytes the limit on the whole tree's resident memory, 0: none
 */
public record Health(Alive alive, long maxMemoryBytes) {

    public static final Health NONE = new Health(null, 0);

    public Health {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("max_memory cannot be negative: " + maxMemoryBytes);
        }
    }

    public boolean hasMemoryLimit() {
        return maxMemoryBytes > 0;
    }

    /**
     * `alive: { http | tcp | exec, interval, timeout, failures }`.
     *
     * @param probe    what to check: its interval is the pause between checks, its attempt timeout how long one check
     *                 may take (the `timeout` key); its overall timeout is unused (a liveness probe never gives up)
     * @param failures how many failed checks in a row restart the service
     */
    public record Alive(ProbeSpec probe, int failures) {

        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
        public static final int DEFAULT_FAILURES = 3;

        public Alive {
            Objects.requireNonNull(probe, "probe");
            if (probe.kind() == ProbeSpec.Kind.LOG) {
                throw new IllegalArgumentException("a log probe cannot check liveness");
            }
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1, got " + failures);
            }
        }

        public Duration interval() {
            return probe.interval() != null ? probe.interval() : DEFAULT_INTERVAL;
        }

        public Duration timeout() {
            return probe.attemptTimeout() != null ? probe.attemptTimeout() : DEFAULT_TIMEOUT;
        }
    }
}
