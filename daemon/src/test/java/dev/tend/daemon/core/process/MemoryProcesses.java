package dev.tend.daemon.core.process;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process table in memory for pure tests of {@link RunTree} and its stop: every living process is in the tree,
 * signals change nothing, SIGKILL removes its targets and is written down. Nothing real is ever signalled.
 */
class MemoryProcesses implements ProcessControl {

    final Map<Long, Instant> alive = new ConcurrentHashMap<>();
    final List<Set<Long>> kills = new ArrayList<>();
    /** How many looks at the table were taken. */
    final AtomicInteger looks = new AtomicInteger();

    MemoryProcesses(long... pids) {
        for (long pid : pids) {
            alive.put(pid, Instant.EPOCH);
        }
    }

    @Override public void signalGroup(long pgid, Signal signal) { }
    @Override public void signal(long pid, Signal signal) { }
    @Override public Set<Long> tree(long pid) { return Set.copyOf(alive.keySet()); }
    @Override public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) { }
    @Override public Set<Long> marked(String token) { return Set.of(); }
    @Override public synchronized void kill(Set<Long> pids) {
        kills.add(Set.copyOf(pids));
        pids.forEach(alive::remove);
    }
    @Override public Optional<Instant> startTime(long pid) { return Optional.ofNullable(alive.get(pid)); }
    @Override public ResourceUsage usage(Set<Long> pids) { throw new UnsupportedOperationException(); }
    @Override public ProcessTable table() {
        looks.incrementAndGet();
        return ProcessControl.super.table();
    }

    /** A main process of that pid that exits when {@code exit} completes. */
    static ChildProcess main(long pid, CompletableFuture<ExitStatus> exit) {
        return new ChildProcess() {
            @Override public long pid() { return pid; }
            @Override public Instant startTime() { return Instant.EPOCH; }
            @Override public InputStream stdout() { return InputStream.nullInputStream(); }
            @Override public InputStream stderr() { return InputStream.nullInputStream(); }
            @Override public CompletableFuture<ExitStatus> onExit() { return exit; }
        };
    }
}
