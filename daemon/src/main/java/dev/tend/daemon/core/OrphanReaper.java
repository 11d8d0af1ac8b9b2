package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Stops what a previous daemon left running, by the live-child records it kept in the store, and tells for each
 * service whether such a reap is still under way (a start of that service waits for it).
 */
final class OrphanReaper {

    private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

    private final ProcessControl control;
    private final StateStore store;
    private final ServiceHistory history;
    private final Executor worker;
    /** By "project/service": the reap of what a previous daemon left of it, while it lasts. No launch before. */
    private final Map<String, CompletableFuture<Void>> reaping = new ConcurrentHashMap<>();

    OrphanReaper(ProcessControl control, StateStore store, ServiceHistory history, Executor worker) {
        this.control = control;
        this.store = store;
        this.history = history;
        this.worker = worker;
    }

    /** The reap of what a previous daemon left of the service, while it lasts; null if there is none. */
    CompletableFuture<Void> underWay(String project, String service) {
        return reaping.get(project + "/" + service);
    }

    /** Every reap still under way. */
    CompletableFuture<?>[] allUnderWay() {
        return reaping.values().toArray(CompletableFuture[]::new);
    }

    /**
     * Stops the children a previous daemon left behind, all at once, in the background: each recorded live child
     * whose pid still runs with the recorded start time gets the stop signal it was launched with (SIGTERM for
     * older records), and its whole tree gets SIGKILL once its stop_timeout (default 10 s) has passed. The
     * processes marked with the child's run token are part of that tree, and die at once if the child itself is
     * gone already (as after a crash). A pid now used by another process (other start time) is left alone, and
     * so is every process without the token. Every record is removed.
     *
     * <p>Until the reap of a service is over, a start of that service waits (state starting, with a reason):
     * the new process must not meet the old one (its port, its files). Call before registering projects.
     *
     * @return completes, when every reap is over, with how many recorded children had processes left to reap
     */
    CompletableFuture<Integer> reapAll() {
        List<LiveChild> children = store.liveChildren();
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        Map<String, List<CompletableFuture<Boolean>>> byService = new LinkedHashMap<>();
        for (LiveChild c : children) {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            all.add(f);
            byService.computeIfAbsent(c.project() + "/" + c.service(), k -> new ArrayList<>()).add(f);
        }
        Map<String, CompletableFuture<Void>> gates = new LinkedHashMap<>();
        byService.forEach((key, fs) -> gates.put(key, CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new))));
        reaping.putAll(gates);
        gates.forEach((key, gate) -> gate.whenComplete((v, e) -> reaping.remove(key, gate)));
        for (int i = 0; i < children.size(); i++) {
            LiveChild c = children.get(i);
            CompletableFuture<Boolean> f = all.get(i);
            worker.execute(() -> {
                try {
                    f.complete(reap(c));
                } catch (RuntimeException e) {
                    log.warn("reaping {} of {}/{} failed: {}", c.pid(), c.project(), c.service(), e.toString(), e);
                    f.complete(false);
                }
            });
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> (int) all.stream().filter(CompletableFuture::join).count());
    }

    /** Blocks for up to the child's stop_timeout and then SIGKILL's grace. */
    private boolean reap(LiveChild c) {
        Instant now = c.forkUnderWay() ? null : control.startTime(c.pid()).orElse(null);
        boolean mainAlive = now != null && now.toEpochMilli() == c.startTime().toEpochMilli();
        Set<Long> marked = marked(c);
        boolean reaped = false;
        if (mainAlive) {
            Signal sig = c.stopSignal() != null ? c.stopSignal() : Signal.TERM;
            Duration timeout = c.stopTimeout() != null ? c.stopTimeout() : ServiceSpec.DEFAULT_STOP_TIMEOUT;
            Set<Long> pids = new HashSet<>(control.tree(c.pid()));
            pids.addAll(marked);
            Map<Long, Instant> tree = startTimes(pids);
            control.signalGroup(c.pid(), sig);
            control.signalOutsideGroup(c.pid(), marked, sig);
            waitGone(tree, timeout);
            Set<Long> joined = new HashSet<>(control.tree(c.pid()));
            joined.addAll(marked(c));
            joined.removeAll(tree.keySet());
            tree.putAll(startTimes(joined));
            Set<Long> left = stillAlive(tree);
            if (!left.isEmpty()) {
                control.kill(left);
                waitGone(tree, RunTree.KILL_GRACE);
            }
            history.record(c.project(), c.service(), "reaped", c.pid(), null, null,
                    "left running by a previous daemon; stopped with " + sig.fullName()
                            + (left.isEmpty() ? "" : ", then SIGKILL after "
                            + timeout.toString().substring(2).toLowerCase(Locale.ROOT)));
            reaped = true;
        } else if (!marked.isEmpty()) {
            control.kill(marked);
            history.record(c.project(), c.service(), "reaped", c.pid(), null, null, marked.size()
                    + " process(es) of its tree left running by a previous daemon, " + (c.forkUnderWay()
                    ? "which stopped while starting it" : "after the service's own process ended"));
            reaped = true;
        } else if (!c.forkUnderWay()) {
            // Its history must not show it running for ever: it ended while no daemon watched it.
            history.record(c.project(), c.service(), "reaped", c.pid(), null, null,
                    "had ended while no daemon watched it (exit status unknown); nothing left to stop");
        }
        if (c.runToken() != null) {
            store.removeLaunch(c.runToken());
        } else {
            store.removeLiveChild(c.project(), c.service(), c.pid());
        }
        return reaped;
    }

    private Map<Long, Instant> startTimes(Set<Long> pids) {
        Map<Long, Instant> times = new HashMap<>();
        for (long pid : pids) {
            control.startTime(pid).ifPresent(t -> times.put(pid, t));
        }
        return times;
    }

    /** The pids that still run with the start time they had (a pid taken over by another process is not). */
    private Set<Long> stillAlive(Map<Long, Instant> tree) {
        Set<Long> alive = new HashSet<>();
        tree.forEach((pid, start) -> {
            Instant now = control.startTime(pid).orElse(null);
            if (start != null && now != null && now.toEpochMilli() == start.toEpochMilli()) {
                alive.add(pid);
            }
        });
        return alive;
    }

    private Set<Long> marked(LiveChild c) {
        if (c.runToken() == null) {
            return Set.of();
        }
        try {
            return control.marked(c.runToken());
        } catch (IllegalArgumentException e) {
            log.warn("live child {} of {}/{} has a malformed run token: {}", c.pid(), c.project(), c.service(),
                    e.getMessage());
            return Set.of();
        }
    }

    private void waitGone(Map<Long, Instant> tree, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        long pause = RunTree.STOP_POLL_MIN_MILLIS;
        while (!stillAlive(tree).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, RunTree.STOP_POLL_MAX_MILLIS);
        }
    }
}
