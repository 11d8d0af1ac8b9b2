package dev.tend.daemon.core.process;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Signals, process trees and resource usage, by pid. */
public interface ProcessControl {

    /** Sends the signal to every process in the group (kill -SIG -pgid). No error if the group is gone. */
    void signalGroup(long pgid, Signal signal);

    /** Sends the signal to that one process (kill -SIG pid). No error if it is gone. */
    void signal(long pid, Signal signal);

    /** The signal to each process group, as {@link #signalGroup} each; an implementation may send them at once. */
    default void signalGroups(Collection<Long> pgids, Signal signal) {
        for (long pgid : pgids) {
            signalGroup(pgid, signal);
        }
    }

    /**
     * The pids belonging to a child: the pid, its descendants, and every process still in the session or
     * process group it leads (which catches descendants that were orphaned and reparented away).
     * Descendants that started a new session of their own are found through the descendant walk, so take
     * the tree before signalling: once their parent exits they are out of reach.
     */
    Set<Long> tree(long pid);

    /** {@link #tree} of each pid, as one look at the process table where the platform allows (for `ps`). */
    default Map<Long, Set<Long>> trees(Collection<Long> pids) {
        Map<Long, Set<Long>> trees = new HashMap<>();
        for (long pid : pids) {
            trees.put(pid, tree(pid));
        }
        return trees;
    }

    /**
     * Sends the signal to each of the pids that is alive and not in process group pgid, so that members of a
     * tree that left the group get the stop signal once, like the group did. Linux only; elsewhere nothing.
     */
    void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal);

    /**
     * The living processes of this user whose environment holds exactly {@code TEND_RUN=token} (see
     * {@link RunToken}), wherever they are in the process tree. The environment is the one each process was
     * exec'd with; a process that cleared it is not found. Linux only (from /proc); elsewhere empty.
     */
    Set<Long> marked(String token);

    /**
     * A look at the process table taken after this call began, for {@link #tree} and {@link #marked} questions
     * about one moment. Where the platform allows, concurrent callers share it rather than each reading /proc.
     */
    default ProcessTable table() {
        return new ProcessTable() {
            @Override
            public Set<Long> tree(long pid) {
                return ProcessControl.this.tree(pid);
            }

            @Override
            public Set<Long> marked(String token) {
                return ProcessControl.this.marked(token);
            }

            @Override
            public Optional<Instant> startTime(long pid) {
                return ProcessControl.this.startTime(pid);
            }

            @Override
            public boolean outsideOwnGroup(long pid) {
                return false;
            }
        };
    }

    /** SIGKILL to each pid that is still alive. */
    void kill(Set<Long> pids);

    /** The OS start time of the pid, if such a process exists and has not exited (a zombie has no start time). */
    Optional<Instant> startTime(long pid);

    /** Total CPU time consumed and resident memory of the given processes, summed; unknown parts are 0. */
    ResourceUsage usage(Set<Long> pids);

    record ResourceUsage(long cpuNanos, long rssBytes) {
    }
}
