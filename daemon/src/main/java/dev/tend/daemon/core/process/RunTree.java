package dev.tend.daemon.core.process;

import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

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
    private final long mainPid;
    /** True while the main process's pid surely is that process: its tree is then the launch's. */
    private final BooleanSupplier mainOurs;
    private final String token;
    /** Completes when the main process has exited and been reaped; never for a recorded launch. */
    private final CompletableFuture<?> mainExit;
    private final Map<Long, Instant> members = new HashMap<>();

    /** @param token the launch's mark (null for none: then only the main process's tree is followed) */
    public RunTree(ProcessControl control, ChildProcess main, String token) {
        // While the main process has not been reaped its pid cannot be reused, so its tree is surely ours.
        this(control, main.pid(), () -> !main.onExit().isDone(), token, main.onExit());
    }

    private RunTree(ProcessControl control, long mainPid, BooleanSupplier mainOurs, String token,
                    CompletableFuture<?> mainExit) {
        this.control = control;
        this.mainPid = mainPid;
        this.mainOurs = mainOurs;
        this.token = token;
        this.mainExit = mainExit;
    }

    /**
     * The tree of a launch a previous daemon recorded: its main process is not this daemon's child, and is taken
     * for the recorded one only while its pid runs with the recorded start time.
     *
     * @param mainPid   0 if the launch was recorded before its fork (then only the token finds its processes)
     * @param startTime the main process's start time as recorded
     */
    public static RunTree ofRecord(ProcessControl control, long mainPid, Instant startTime, String token) {
        return new RunTree(control, mainPid, () -> mainPid > 0 && sameStart(control, mainPid, startTime), token,
                new CompletableFuture<>()); // not this daemon's child: its exit is seen by polling only
    }

    private static boolean sameStart(ProcessControl control, long pid, Instant recorded) {
        Instant now = control.startTime(pid).orElse(null);
        // Stores keep start times to the millisecond.
        return now != null && recorded != null && now.toEpochMilli() == recorded.toEpochMilli();
    }

    /** Completes once the main process exited (a stop then looks at once whether the whole tree is gone). */
    CompletableFuture<?> mainExit() {
        return mainExit;
    }

    /** Whether the main process still runs (for a recorded launch: with its recorded start time). */
    public boolean mainAlive() {
        return mainOurs.getAsBoolean();
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
        return refresh(control.table(), mainOurs.getAsBoolean());
    }

    private Set<Long> refresh(ProcessTable table, boolean withTreeOfMain) {
        if (withTreeOfMain) {
            addTreeOfMain(table);
        }
        addMarked(table);
        members.entrySet().removeIf(m -> !m.getValue().equals(table.startTime(m.getKey()).orElse(null)));
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
    void killMainFirst(Set<Long> alive) {
        Set<Long> rest = new HashSet<>(alive);
        if (rest.remove(mainPid)) {
            control.kill(Set.of(mainPid));
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
        kill(alive());
    }

    /**
     * {@link #mainExited} and {@link #killLeftovers} from one look at the process table (a look costs a read of every
     * process's stat and environment), then, if there were leftovers, the looks that kill what is still found.
     *
     * @return completes once no leftover is found any more (at once if there were none): a crashed service's restart
     *         waits for it, so nothing of the last run still holds its port; true if the kill's grace ran out
     */
    public CompletableFuture<Boolean> mainExitedKillLeftovers(Timer timer, ScheduledExecutorService pacer,
                                                              Executor worker) {
        Set<Long> alive;
        synchronized (this) {
            alive = refresh(control.table(), true);
        }
        if (!kill(alive)) {
            return CompletableFuture.completedFuture(false);
        }
        // A leftover may have forked between the look and the kill (a loop in the background): its child was in no
        // look. The stop's looks after SIGKILL find it by the run's mark or the ids the main process led, and kill it.
        return new StopSequence(this, timer, pacer, worker).afterKill();
    }

    /** SIGKILL to the members but the main process; false if there were none. */
    private boolean kill(Set<Long> alive) {
        Set<Long> leftovers = new HashSet<>(alive);
        leftovers.remove(mainPid);
        if (leftovers.isEmpty()) {
            return false;
        }
        control.kill(leftovers);
        return true;
    }

    /**
     * The stop sequence (see {@link StopSequence}): the signal to the main process's group and to the members of
     * the tree outside it, the timeout on the timer, then SIGKILL to what is left. Returns at once.
     *
     * @param timer  where the timeout and SIGKILL's grace run out (the core's timer: virtual in tests)
     * @param pacer  paces the polls that look whether the tree is gone
     * @param worker does the polls' and the kill's work
     * @return completes once the tree is gone (or no longer waited for): true if it took SIGKILL
     */
    public CompletableFuture<Boolean> stop(Signal sig, Duration timeout, Timer timer, ScheduledExecutorService pacer,
                                           Executor worker) {
        return stop(() -> signal(sig), timeout, timer, pacer, worker);
    }

    /** As above, with the tree asked to stop by other means than a signal (a service's stop_command). */
    public CompletableFuture<Boolean> stop(Runnable ask, Duration timeout, Timer timer, ScheduledExecutorService pacer,
                                           Executor worker) {
        return new StopSequence(this, timer, pacer, worker).begin(ask, timeout);
    }

    /**
     * Each tree's signal as {@link #signal} sends it, for many trees at once (a `down` of fifty services): one look at
     * the process table for all of them, then one kill line per signal for their groups, then the members outside
     * each group. Sent one by one, fifty signals each waited for a look that began after it asked.
     *
     * @param signals each tree and its signal, in order; every tree of the same {@link ProcessControl}
     */
    public static void signalAll(Map<RunTree, Signal> signals) {
        if (signals.isEmpty()) {
            return;
        }
        ProcessControl control = signals.keySet().iterator().next().control;
        if (signals.keySet().stream().anyMatch(t -> t.control != control)) {
            throw new IllegalArgumentException("trees of different process controls");
        }
        ProcessTable table = control.table();
        Map<RunTree, Set<Long>> before = new LinkedHashMap<>();
        Map<Signal, List<Long>> groups = new LinkedHashMap<>();
        Map<RunTree, Signal> beforeSession = new LinkedHashMap<>();
        signals.forEach((tree, sig) -> {
            Set<Long> alive;
            boolean early;
            synchronized (tree) {
                boolean ours = tree.mainOurs.getAsBoolean();
                alive = tree.refresh(table, ours);
                early = ours && table.outsideOwnGroup(tree.mainPid);
            }
            if (early) {
                beforeSession.put(tree, sig);
                alive = new HashSet<>(alive);
                alive.remove(tree.mainPid);
            } else {
                groups.computeIfAbsent(sig, s -> new ArrayList<>()).add(tree.mainPid);
            }
            before.put(tree, alive);
        });
        groups.forEach((sig, pgids) -> control.signalGroups(pgids, sig));
        // The session helper has not called setsid(2) yet (a stop in the run's first millisecond): no group of the
        // main's number exists, and it may come to exist between a group signal and a later look, which would then
        // see the main inside its group and leave it out; so neither signal would reach it. Until its exec of the
        // command the helper is the whole tree, and a signal by pid reaches it wherever its group is.
        beforeSession.forEach((tree, sig) -> control.signal(tree.mainPid, sig));
        before.forEach((tree, alive) -> control.signalOutsideGroup(tree.mainPid, alive, signals.get(tree)));
    }

    /** The signal to the main process's group, and to the members outside it that are alive now. */
    public void signal(Signal sig) {
        signalAll(Map.of(this, sig));
    }

    private void addTreeOfMain(ProcessTable table) {
        try {
            add(table, table.tree(mainPid));
        } catch (RuntimeException e) {
            log.debug("tree of {} not readable: {}", mainPid, e.toString());
        }
    }

    private void addMarked(ProcessTable table) {
        if (token == null) {
            return;
        }
        try {
            add(table, table.marked(token));
        } catch (RuntimeException e) {
            log.debug("processes marked {} not readable: {}", token, e.toString());
        }
    }

    private void add(ProcessTable table, Set<Long> pids) {
        for (long pid : pids) {
            if (!members.containsKey(pid)) {
                table.startTime(pid).ifPresent(t -> members.put(pid, t));
            }
        }
    }
}
