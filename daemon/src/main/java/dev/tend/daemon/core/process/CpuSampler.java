package dev.tend.daemon.core.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns successive total-CPU samples of one running child (its whole tree, see
 * {@link ProcessControl#usage}) into a CPU percentage over the time since the previous sample. 100 is one
 * core fully busy; a tree using several cores goes above 100. Make a new sampler for each start of a service.
 */
public final class CpuSampler {

    private final Clock clock;
    private Instant lastTime;
    private long lastCpuNanos;

    /** @param processStart when the child started: the first sample measures from there, from zero CPU */
    public CpuSampler(Clock clock, Instant processStart) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastTime = Objects.requireNonNull(processStart, "processStart");
    }

    /** The CPU percent since the previous sample (or the start), given the tree's total CPU time now. */
    public synchronized double sample(long cpuNanos) {
        Instant now = clock.instant();
        long wallNanos = Duration.between(lastTime, now).toNanos();
        if (wallNanos <= 0) {
            // Too soon (or the start time was rounded into the future): keep the baseline for the next sample.
            return 0.0;
        }
        // The total drops when a member of the tree exits and takes its CPU time with it: count that as 0.
        long cpuDelta = Math.max(0, cpuNanos - lastCpuNanos);
        lastTime = now;
        lastCpuNanos = cpuNanos;
        return cpuDelta * 100.0 / wallNanos;
    }
}
