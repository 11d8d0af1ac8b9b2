package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ProcessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The processes of one run of a service, gathered over its life: the main process's tree (its descendants and
 * every process in its session or group) and every process marked with the run's token. Each member is known
 * by pid and start time, so a pid reused by an unrelated process after a member died is never counted, waited
 * for or killed. Thread-safe.
 */
final class RunTree {

    private static final Logger log = LoggerFactory.getLogger(RunTree.class);

    private final ProcessControl control;
    private final ChildProcess main;
    private final String token;
    private final Map<Long, Instant> members = new HashMap<>();

    RunTree(ProcessControl control, ChildProcess main, String token) {
        this.control = control;
        this.main = main;
        this.token = token;
    }

    /** Looks for new members, forgets those that are gone, and returns the ones alive now. */
    synchronized Set<Long> alive() {
        // While the main process has not been reaped its pid cannot be reused, so its tree is surely ours.
        if (!main.onExit().isDone()) {
            addTreeOfMain();
        }
        addMarked();
        members.entrySet().removeIf(m -> !m.getValue().equals(control.startTime(m.getKey()).orElse(null)));
        return Set.copyOf(members.keySet());
    }

    /**
     * Takes the main process's tree once more right after it exited: what is still in its session and group
     * (orphans reparented away) is found by the ids it leads, before they could ever be reused.
     */
    synchronized void mainExited() {
        addTreeOfMain();
    }

    private void addTreeOfMain() {
        try {
            add(control.tree(main.pid()));
        } catch (RuntimeException e) {
            log.debug("tree of {} not readable: {}", main.pid(), e.toString());
        }
    }

    private void addMarked() {
        if (token == null) {
            return;
        }
        try {
            add(control.marked(token));
        } catch (RuntimeException e) {
            log.debug("processes marked {} not readable: {}", token, e.toString());
        }
    }

    private void add(Set<Long> pids) {
        for (long pid : pids) {
            if (!members.containsKey(pid)) {
                control.startTime(pid).ifPresent(t -> members.put(pid, t));
            }
        }
    }
}
