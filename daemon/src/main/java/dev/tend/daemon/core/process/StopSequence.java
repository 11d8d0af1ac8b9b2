package dev.tend.daemon.core.process;

import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One stop of a {@link RunTree}, the same for a service's run, a job's run and what a previous daemon left: the
 * signal, then the timeout; SIGKILL to what is left of the tree once it ran out, then {@link RunTree#KILL_GRACE}
 * more before nobody waits any longer. The timeout and the grace run out on the injected {@link Timer} (virtual
 * time in tests); the polls that look whether the tree is gone are paced on a real scheduler, as they only watch.
 */
final class StopSequence {

    private static final Logger log = LoggerFactory.getLogger(StopSequence.class);

    private final RunTree tree;
    private final Timer timer;
    private final ScheduledExecutorService pacer;
    private final Executor worker;
    private final CompletableFuture<Boolean> gone = new CompletableFuture<>();
    /** SIGKILL was sent. Guarded by this. */
    private boolean killed;
    /** The timeout, then SIGKILL's grace, while it runs. Guarded by this. */
    private Timer.Scheduled pending;

    StopSequence(RunTree tree, Timer timer, ScheduledExecutorService pacer, Executor worker) {
        this.tree = tree;
        this.timer = timer;
        this.pacer = pacer;
        this.worker = worker;
    }

    /**
     * @param ask how the tree is asked to stop: its signal, or a service's stop_command
     * @return completes once the tree is gone (or no longer waited for): true if it took SIGKILL
     */
    CompletableFuture<Boolean> begin(Runnable ask, Duration timeout) {
        ask.run();
        wait(timeout, this::timedOut);
        // No look right after the signal: nothing has had the time to end yet, and fifty stops begun together
        // would each wait for a look of their own at /proc, one after the other, before the first poll.
        pollAfter(RunTree.STOP_POLL_MIN_MILLIS);
        // Most trees are the main process alone: its exit is the news, long before the next poll would see it.
        tree.mainExit().whenComplete((v, e) -> work(this::check));
        return gone;
    }

    private void wait(Duration delay, Runnable then) {
        try {
            Timer.Scheduled scheduled = timer.schedule(delay, () -> work(then));
            synchronized (this) {
                pending = scheduled;
            }
        } catch (RejectedExecutionException e) {
            giveUp();
        }
    }

    /** A look in delayMillis, then ever further apart until the tree is gone. */
    private void pollAfter(long delayMillis) {
        long next = Math.min(delayMillis * 2, RunTree.STOP_POLL_MAX_MILLIS);
        try {
            pacer.schedule(() -> work(() -> {
                if (!check()) {
                    pollAfter(next);
                }
            }), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            giveUp();
        }
    }

    /** Completes the stop if nothing of the tree is left; true once the stop is complete. */
    private boolean check() {
        if (gone.isDone()) {
            return true;
        }
        Set<Long> alive = tree.alive();
        if (!alive.isEmpty()) {
            boolean afterSigkill;
            synchronized (this) {
                afterSigkill = killed;
            }
            if (afterSigkill) {
                // A process forked in the moment between SIGKILL's look and the main's death was not in that look,
                // and nothing else would ever kill it: each poll kills what it finds (again, for the dying).
                tree.killMainFirst(alive);
            }
            return false;
        }
        boolean wasKilled;
        synchronized (this) {
            wasKilled = killed;
            if (pending != null) {
                pending.cancel();
            }
        }
        gone.complete(wasKilled);
        return true;
    }

    /** The timeout ran out: SIGKILL to what is left, main process first, and its grace. */
    private void timedOut() {
        synchronized (this) {
            if (gone.isDone()) {
                return;
            }
            killed = true;
        }
        tree.killMainFirst(tree.alive());
        wait(RunTree.KILL_GRACE, this::graceOver);
    }

    /**
     * After a SIGKILL sent outside a stop (what a run that exited on its own left): the looks that kill what they
     * find until nothing is left, and SIGKILL's grace.
     *
     * @return completes once the tree is gone, or the grace ran out
     */
    CompletableFuture<Boolean> afterKill() {
        synchronized (this) {
            killed = true;
        }
        wait(RunTree.KILL_GRACE, this::graceOver);
        pollAfter(RunTree.STOP_POLL_MIN_MILLIS);
        return gone;
    }

    private void graceOver() {
        log.warn("processes {} outlived SIGKILL by {}: not waiting for them any more", tree.alive(), RunTree.KILL_GRACE);
        gone.complete(true);
    }

    private void work(Runnable step) {
        try {
            worker.execute(step);
        } catch (RejectedExecutionException e) {
            giveUp();
        }
    }

    /** The daemon is going away: no time left to wait. */
    private void giveUp() {
        if (!gone.isDone()) {
            tree.kill();
            gone.complete(true);
        }
    }
}
