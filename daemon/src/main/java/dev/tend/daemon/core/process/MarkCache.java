package dev.tend.daemon.core.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The run marks found in each process's environment, kept between looks at the process table: a look reads only the
 * environments of processes it has not seen before, not of every process of the user (a desktop has hundreds; fifty
 * services stopping at once look several times). A process is known by pid and start time, so a reused pid is read
 * afresh.
 *
 * <p>What a process's /proc/PID/environ shows changes only when it execs, which keeps its pid and start time. So a
 * process is remembered only once it is older than {@link #SETTLED}: a child of the daemon shows the daemon's own
 * environment for the instant between its fork and its exec, and one of a run's processes that execs later keeps
 * its lineage, so its old mark still names the run it belongs to.
 */
final class MarkCache {

    /** Younger processes are read at every look. */
    static final Duration SETTLED = Duration.ofSeconds(2);

    private record Known(long startTicks, List<String> marks) {
    }

    private final Map<Long, Known> known = new ConcurrentHashMap<>();

    /**
     * The marks of a process, from memory if it was read as it is now, else read.
     *
     * @param now   the time of the look
     * @param read  reads the marks (the environment's TEND_RUN values, empty if not the user's or unreadable)
     */
    List<String> marks(ProcStat p, Instant now, Supplier<List<String>> read) {
        Known k = known.get(p.pid());
        if (k != null && k.startTicks() == p.startTicks()) {
            return k.marks();
        }
        List<String> marks = read.get();
        if (Os.startTime(p).plus(SETTLED).isBefore(now)) {
            known.put(p.pid(), new Known(p.startTicks(), List.copyOf(marks)));
        }
        return marks;
    }

    /** Forgets the processes that are not among the living any more (or whose pid was reused). */
    void retain(Collection<ProcStat> living) {
        Set<Long> pids = new HashSet<>();
        for (ProcStat p : living) {
            pids.add(p.pid());
        }
        known.keySet().retainAll(pids);
    }

    int size() {
        return known.size();
    }
}
