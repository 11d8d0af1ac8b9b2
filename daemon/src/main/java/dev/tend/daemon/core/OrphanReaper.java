package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Stops what a previous daemon left running, by the live-child records it kept in the store, and tells for each
 * service whether such a reap is still under way (a start of that service waits for it).
 */
final class OrphanReaper {

    private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

    private final ProcessControl control;
    private final StateStore store;
    private final ServiceHistory history;
    private final Timer timer;
    private final ScheduledExecutorService pacer;
    private final Executor worker;
    /** By "project/service": the reap of what a previous daemon left of it, while it lasts. No launch before. */
    private final Map<String, CompletableFuture<Void>> reaping = new ConcurrentHashMap<>();

    /** @param timer where the stop timeouts run out; pacer and worker as for {@link RunTree#stop} */
    OrphanReaper(ProcessControl control, StateStore store, ServiceHistory history, Timer timer,
                 ScheduledExecutorService pacer, Executor worker) {
        this.control = control;
        this.store = store;
        this.history = history;
        this.timer = timer;
        this.pacer = pacer;
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
                    reap(c).whenComplete((reaped, e) -> {
                        if (e != null) {
                            log.warn("reaping {} of {}/{} failed: {}", c.pid(), c.project(), c.service(), e.toString(), e);
                        }
                        f.complete(e == null && reaped);
                    });
                } catch (RuntimeException e) {
                    log.warn("reaping {} of {}/{} failed: {}", c.pid(), c.project(), c.service(), e.toString(), e);
                    f.complete(false);
                }
            });
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> (int) all.stream().filter(CompletableFuture::join).count());
    }

    /** The services' stop sequence, on what is left of the recorded child; completes with whether anything was. */
    private CompletableFuture<Boolean> reap(LiveChild c) {
        RunTree tree = RunTree.ofRecord(control, c.forkUnderWay() ? 0 : c.pid(), c.startTime(), token(c));
        if (tree.mainAlive()) {
            Signal sig = c.stopSignal() != null ? c.stopSignal() : Signal.TERM;
            Duration timeout = c.stopTimeout() != null ? c.stopTimeout() : ServiceSpec.DEFAULT_STOP_TIMEOUT;
            return tree.stop(sig, timeout, timer, pacer, worker).thenApply(killed -> {
                ended(c, "left running by a previous daemon; stopped with " + sig.fullName() + (killed
                        ? ", then SIGKILL after " + timeout.toString().substring(2).toLowerCase(Locale.ROOT) : ""));
                return true;
            });
        }
        Set<Long> marked = tree.alive();
        if (!marked.isEmpty()) {
            tree.kill();
            ended(c, marked.size() + " process(es) of its tree left running by a previous daemon, " + (c.forkUnderWay()
                    ? "which stopped while starting it" : "after the service's own process ended"));
            return CompletableFuture.completedFuture(true);
        }
        // Its history must not show it running for ever: it ended while no daemon watched it.
        ended(c, c.forkUnderWay() ? null : "had ended while no daemon watched it (exit status unknown); nothing left to stop");
        return CompletableFuture.completedFuture(false);
    }

    /** Writes how the reap went (if there is anything to say) and removes the record. */
    private void ended(LiveChild c, String how) {
        if (how != null) {
            history.record(c.project(), c.service(), "reaped", c.pid(), null, null, how);
        }
        if (c.runToken() != null) {
            store.removeLaunch(c.runToken());
        } else {
            store.removeLiveChild(c.project(), c.service(), c.pid());
        }
    }

    /** The record's run token, or null if it has none or it is malformed (then only the tree finds its processes). */
    private static String token(LiveChild c) {
        if (c.runToken() == null) {
            return null;
        }
        try {
            return RunToken.require(c.runToken());
        } catch (IllegalArgumentException e) {
            log.warn("live child {} of {}/{} has a malformed run token: {}", c.pid(), c.project(), c.service(),
                    e.getMessage());
            return null;
        }
    }
}
