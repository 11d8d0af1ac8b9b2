package dev.tend.daemon.core.process;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Signals, process trees and resource usage, by pid. */
public interface ProcessControl {

    /** Sends the signal to every process in the group (kill -SIG -pgid). No error if the group is gone. */
    void signalGroup(long pgid, Signal signal);

    /**
     * The pids belonging to a child: the pid, its descendants, and every process still in the session or
     * process group it leads (which catches descendants that were orphaned and reparented away).
     * Descendants that started a new session of their own are found through the descendant walk, so take
     * the tree before signalling: once their parent exits they are out of reach.
     */
    Set<Long> tree(long pid);

    /** SIGKILL to each pid that is still alive. */
    void kill(Set<Long> pids);

    /** The OS start time of the pid, if such a process exists. */
    Optional<Instant> startTime(long pid);

    /** Total CPU time consumed and resident memory of the given processes, summed; unknown parts are 0. */
    ResourceUsage usage(Set<Long> pids);

    record ResourceUsage(long cpuNanos, long rssBytes) {
    }
}
