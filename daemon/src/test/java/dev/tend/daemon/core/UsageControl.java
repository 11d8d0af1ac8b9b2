package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.Signal;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/** The real process control, except that usage is what the test says. */
final class UsageControl implements ProcessControl {
    private final ProcessControl real;
    private final LongSupplier cpuNanos;
    private final LongSupplier rss;

    UsageControl(ProcessControl real, LongSupplier cpuNanos, LongSupplier rss) {
        this.real = real;
        this.cpuNanos = cpuNanos;
        this.rss = rss;
    }

    @Override
    public ResourceUsage usage(Set<Long> pids) {
        return pids.isEmpty() ? new ResourceUsage(0, 0) : new ResourceUsage(cpuNanos.getAsLong(), rss.getAsLong());
    }

    @Override
    public void signalGroup(long pgid, Signal signal) {
        real.signalGroup(pgid, signal);
    }

    @Override
    public void signal(long pid, Signal signal) {
        real.signal(pid, signal);
    }

    @Override
    public Set<Long> tree(long pid) {
        return real.tree(pid);
    }

    @Override
    public Map<Long, Set<Long>> trees(Collection<Long> pids) {
        return real.trees(pids);
    }

    @Override
    public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) {
        real.signalOutsideGroup(pgid, pids, signal);
    }

    @Override
    public Set<Long> marked(String token) {
        return real.marked(token);
    }

    @Override
    public void kill(Set<Long> pids) {
        real.kill(pids);
    }

    @Override
    public Optional<Instant> startTime(long pid) {
        return real.startTime(pid);
    }
}
