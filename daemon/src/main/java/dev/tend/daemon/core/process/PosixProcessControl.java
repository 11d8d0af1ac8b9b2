package dev.tend.daemon.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessControl} for Linux and macOS without native code: signals through the shell's kill, trees and
 * usage from /proc on Linux, from {@link ProcessHandle} elsewhere. Processes that vanish while being looked at
 * are skipped; zombies count as gone (they have exited, and pid 1 of a container may never reap them).
 */
public final class PosixProcessControl implements ProcessControl {

    private static final Logger LOG = LoggerFactory.getLogger(PosixProcessControl.class);
    private static final Path PROC = Path.of("/proc");

    private final boolean linuxProc;
    /** The daemon's uid: only processes of the same user are looked at for a run's mark. */
    private final Object ownUid;
    private final SharedScan<ProcTable> scans;
    private final KillPrimitives primitives;

    public PosixProcessControl() {
        this(ShellKill.SHARED);
    }

    /**
     * Makes the first launch and the first stop as quick as the next (the daemon calls it at start, aside): starts
     * what sends signals, and reads the system's clock ticks and boot time, which a start time is computed from
     * (the ticks by running getconf: fifty launches at once would all wait for it).
     */
    public void prepare() {
        primitives.prepare();
        if (linuxProc) {
            Os.startTime(ProcessHandle.current().pid());
        }
    }

    /**
     * Ends what sends signals (the daemon's last step, once every service is stopped): a thread blocked in a read
     * holds up the JVM's exit by 300 ms (HotSpot waits that long for threads in native code). A later signal would
     * start it again.
     */
    public void closeSignals() {
        primitives.close();
    }

    /** With other kill primitives: tests that check refusals pass ones that only record. */
    PosixProcessControl(KillPrimitives primitives) {
        this.primitives = primitives;
        this.linuxProc = Os.hasLinuxProc();
        this.ownUid = linuxProc ? ProcTable.uidOf(PROC.resolve(Long.toString(ProcessHandle.current().pid()))) : null;
        MarkCache marks = new MarkCache();
        this.scans = new SharedScan<>(() -> ProcTable.read(ownUid, marks));
    }

    @Override
    public void signalGroup(long pgid, Signal signal) {
        requireChildPid(pgid, "process group");
        primitives.kill(signal, List.of("-" + pgid));
    }

    /** One kill line for all of them (a stop of fifty services), in lines of at most {@link #KILL_LINE_TARGETS}. */
    @Override
    public void signalGroups(Collection<Long> pgids, Signal signal) {
        List<String> targets = new ArrayList<>();
        for (long pgid : pgids) {
            requireChildPid(pgid, "process group"); // every one before anything is sent
            targets.add("-" + pgid);
        }
        for (int from = 0; from < targets.size(); from += KILL_LINE_TARGETS) {
            primitives.kill(signal, targets.subList(from, Math.min(targets.size(), from + KILL_LINE_TARGETS)));
        }
    }

    static final int KILL_LINE_TARGETS = 200;

    @Override
    public void signal(long pid, Signal signal) {
        requireChildPid(pid, "process");
        primitives.kill(signal, List.of(Long.toString(pid)));
    }

    @Override
    public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) {
        requireChildPid(pgid, "process group");
        if (!linuxProc) {
            return;
        }
        long self = ProcessHandle.current().pid();
        List<String> targets = new ArrayList<>();
        for (long pid : pids) {
            if (pid > 1 && pid != self) {
                ProcStat.read(pid).filter(s -> !s.exited() && s.pgrp() != pgid)
                        .ifPresent(s -> targets.add(Long.toString(pid)));
            }
        }
        if (!targets.isEmpty()) {
            primitives.kill(signal, targets);
        }
    }

    /** A fresh look at /proc, shared with whoever asked at the same time (see {@link SharedScan}). */
    @Override
    public ProcessTable table() {
        return linuxProc ? scans.get() : ProcessControl.super.table();
    }

    @Override
    public Set<Long> tree(long pid) {
        requireChildPid(pid, "process");
        return linuxProc ? scans.get().tree(pid) : handleTree(pid);
    }

    private static Set<Long> handleTree(long pid) {
        Set<Long> tree = new TreeSet<>();
        ProcessHandle.of(pid).ifPresent(h -> {
            tree.add(pid);
            h.descendants().forEach(d -> tree.add(d.pid()));
        });
        return tree;
    }

    /** One read of /proc for every tree: `ps` of fifty services reads the process table once, not fifty times. */
    @Override
    public Map<Long, Set<Long>> trees(Collection<Long> pids) {
        if (!linuxProc || pids.isEmpty()) {
            return ProcessControl.super.trees(pids);
        }
        pids.forEach(pid -> requireChildPid(pid, "process"));
        ProcessTable table = scans.get();
        Map<Long, Set<Long>> trees = new HashMap<>();
        for (long pid : pids) {
            trees.put(pid, table.tree(pid));
        }
        return trees;
    }

    @Override
    public Set<Long> marked(String token) {
        RunToken.require(token);
        if (!linuxProc || ownUid == null) {
            return new TreeSet<>();
        }
        return scans.get().marked(token);
    }

    @Override
    public void kill(Set<Long> pids) {
        long self = ProcessHandle.current().pid();
        for (long pid : pids) {
            if (pid <= 1 || pid == self) {
                LOG.warn("refusing to kill pid {}", pid);
                continue;
            }
            primitives.destroyForcibly(pid);
        }
    }

    @Override
    public Optional<Instant> startTime(long pid) {
        if (linuxProc) {
            return ProcStat.read(pid).filter(s -> !s.exited()).map(Os::startTime);
        }
        return Os.startTime(pid);
    }

    @Override
    public ResourceUsage usage(Set<Long> pids) {
        long cpuNanos = 0;
        long rssBytes = 0;
        for (long pid : pids) {
            if (linuxProc) {
                Optional<ProcStat> stat = ProcStat.read(pid).filter(s -> !s.exited());
                if (stat.isEmpty()) {
                    continue;
                }
                cpuNanos += ticksToNanos(stat.get().utimeTicks() + stat.get().stimeTicks());
                rssBytes += residentPages(pid) * SystemConstants.PAGE_SIZE;
            } else {
                cpuNanos += ProcessHandle.of(pid)
                        .flatMap(h -> h.info().totalCpuDuration())
                        .map(java.time.Duration::toNanos)
                        .orElse(0L);
            }
        }
        return new ResourceUsage(cpuNanos, rssBytes);
    }

    private static long ticksToNanos(long ticks) {
        return ticks * 1_000_000_000L / SystemConstants.CLOCK_TICKS_PER_SECOND;
    }

    /** Field 2 of /proc/&lt;pid&gt;/statm; 0 if the process is gone. */
    private static long residentPages(long pid) {
        try {
            String[] fields = Files.readString(PROC.resolve(Long.toString(pid)).resolve("statm")).trim().split(" +");
            return fields.length > 1 ? Long.parseLong(fields[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** pid 0 and 1, negatives and the daemon itself would make kill and the tree walk reach far beyond a service. */
    private static void requireChildPid(long pid, String what) {
        if (pid <= 1 || pid == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException(what + " id " + pid + " is not a child's: refusing to touch it");
        }
    }
}
