package dev.tend.daemon.core.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one launch (a service's run or a job's run), gathered over its life: the main process's
 * tree (its descendants and every process in its session or group) and every process marked with the
 * launch's {@link RunToken}. Each member is known by pid and start time, so a pid reused by an unrelated
 * process after a member died is never counted, waited for or killed. Thread-safe.
 *
 * <p>Services and jobs end their trees the same way through it: {@link #stop} (signal, grace, SIGKILL),
 * {@link #kill} (SIGKILL at once) and {@link #killLeftovers} (no orphans once the main process exited).
 */
public final class RunTree {

    /** How long a stop waits for the tree to go after SIGKILL before it gives up waiting. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RunTree.class);
    public static final long STOP_POLL_MIN_MILLIS = 10;
    public static final long STOP_POLL_MAX_MILLIS = 200;

    private final ProcessControl control;
    private final ChildProcess main;
    private final String token;
    private final Map<Long, Instant> members = new HashMap<>();

    /** @param token the launch's mark (null for none: then only the main process's tree is followed) */
    public RunTree(ProcessControl control, ChildProcess main, String token) {
        this.control = control;
        this.main = main;
        this.token = token;
    }

    /** The launch's mark, or null if it has none. */
    public String token() {
        return token;
    }

    /**
     * The environment of a launch marked with the token: env plus {@code TEND_RUN=token}, replacing the mark
     * of another launch the caller may have inherited (a client started inside a service).
     */
    public static Map<String, String> markedEnvironment(Map<String, String> env, String token) {
        Map<String, String> marked = new HashMap<>(env);
        marked.put(RunToken.VARIABLE, RunToken.require(token));
        return marked;
    }

    /** Looks for new members, forgets those that are gone, and returns the ones alive now. */
    public synchronized Set<Long> alive() {
        // While the main process has not been reaped its pid cannot be reused, so its tree is surely ours.
        ProcessTable table = control.table();
        if (!main.onExit().isDone()) {
            addTreeOfMain(table);
        }
        addMarked(table);
        members.entrySet().removeIf(m -> !m.getValue().equals(control.startTime(m.getKey()).orElse(null)));
        return Set.copyOf(members.keySet());
    }

    /**
     * Takes the main process's tree once more right after it exited: what is still in its session and group
     * (orphans reparented away) is found by the ids it leads, before they could ever be reused.
     */
    public synchronized void mainExited() {
        addTreeOfMain(control.table());
    }

    /**
     * SIGKILL to every member alive now, the main process first: were a child killed first, a shell waiting
     * for it could exit on its own (128+9 as an exit code) and the run would not read as killed.
     */
    public void kill() {
        killMainFirst(alive());
    }

    /**
     * SIGKILL to the main process before the rest: a shell whose child died first could still end on its own (a
     * bare `wait` returns 0) and the history would read "exited 0" for what was a kill.
     */
    private void killMainFirst(Set<Long> alive) {
        Set<Long> rest = new HashSet<>(alive);
        if (rest.remove(main.pid())) {
            control.kill(Set.of(main.pid()));
        }
        if (!rest.isEmpty()) {
            control.kill(rest);
        }
    }

    /**
     * After the main process exited without being stopped (and {@link #mainExited} was called): no orphans,
     * whatever is left of the tree (detached and marked descendants included) dies at once.
     */
    public void killLeftovers() {
        Set<Long> leftovers = new HashSet<>(alive());
        leftovers.remove(main.pid());
        if (!leftovers.isEmpty()) {
            control.kill(leftovers);
        }
    }

    /**
     * The stop sequence: the signal to the main process's group and to the members of the tree outside it,
     * then waits (polling on the scheduler, working on the worker) until the whole tree is gone or the
     * timeout has passed; then SIGKILL to what is left, and {@link #KILL_GRACE} more. Returns at once.
     *
     * @param gone completed once the tree is gone (or no longer waited for): true if it took SIGKILL
     */
    public void stop(Signal sig, Duration timeout, ScheduledExecutorService scheduler, Executor worker,
                     CompletableFuture<Boolean> gone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Long> before = alive();
        control.signalGroup(main.pid(), sig);
        control.signalOutsideGroup(main.pid(), before, sig);
        watchStop(scheduler, worker, gone, deadline, false, STOP_POLL_MIN_MILLIS);
    }

    private void watchStop(ScheduledExecutorService scheduler, Executor worker, CompletableFuture<Boolean> gone,
                           long deadline, boolean killed, long delayMillis) {
        Set<Long> alive = alive();
        if (alive.isEmpty()) {
            gone.complete(killed);
            return;
        }
        long now = System.nanoTime();
        if (now - deadline >= 0) {
            if (killed) {
                log.warn("processes {} outlived SIGKILL by {}: not waiting for them any more", alive, KILL_GRACE);
                gone.complete(true);
                return;
            }
            killMainFirst(alive);
            killed = true;
            deadline = now + KILL_GRACE.toNanos();
        }
        boolean wasKilled = killed;
        long until = deadline;
        long next = Math.min(delayMillis * 2, STOP_POLL_MAX_MILLIS);
        try {
            scheduler.schedule(() -> worker.execute(() -> watchStop(scheduler, worker, gone, until, wasKilled, next)),
                    delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The daemon is going away: no time left to wait.
            kill();
            gone.complete(true);
        }
    }

    private void addTreeOfMain(ProcessTable table) {
        try {
            add(table.tree(main.pid()));
        } catch (RuntimeException e) {
            log.debug("tree of {} not readable: {}", main.pid(), e.toString());
        }
    }

    private void addMarked(ProcessTable table) {
        if (token == null) {
            return;
        }
        try {
            add(table.marked(token));
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
