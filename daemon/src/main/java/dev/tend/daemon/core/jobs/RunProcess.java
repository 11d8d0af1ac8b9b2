package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.logs.LogFile;
import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process of one job run once it started ({@link RunLauncher} starts it): its tree, its output on the way to
 * the run's log file, and its record as a live child, which {@link #release} clears after the exit.
 */
final class RunProcess {

    private static final Logger log = LoggerFactory.getLogger(RunProcess.class);

    private final String label;
    private final ChildProcess child;
    /** Every process of the run, found by its tree and by the run's {@link RunToken}. */
    private final RunTree tree;
    private final LogFile file;
    private final CompletableFuture<Void> drained;
    private final StateStore liveChildren;
    private final Duration stopGrace;
    private final ScheduledExecutorService stopPacer;
    private final Executor worker;
    /** Completed by a stop sequence once the whole tree is gone. */
    private final CompletableFuture<Boolean> treeGone = new CompletableFuture<>();
    /** A stop sequence (daemon shutdown) was started; the end waits for it. Guarded by this. */
    private boolean stopBegun;
    /** The main process exited. Guarded by this. */
    private boolean exited;

    /** @param stopGrace how long {@link #stop} waits after SIGTERM before SIGKILL, its polls paced by stopPacer */
    RunProcess(String label, ChildProcess child, RunTree tree, LogFile file, CompletableFuture<Void> drained,
               StateStore liveChildren, Duration stopGrace, ScheduledExecutorService stopPacer, Executor worker) {
        this.label = label;
        this.child = child;
        this.tree = tree;
        this.file = file;
        this.drained = drained;
        this.liveChildren = liveChildren;
        this.stopGrace = stopGrace;
        this.stopPacer = stopPacer;
        this.worker = worker;
    }

    long pid() {
        return child.pid();
    }

    /**
     * The run's end: once the main process exited (a wait that failed counts as SIGKILL), what is left of its
     * tree dies — or, if a stop sequence began, keeps that sequence's grace —, the output drains and the live
     * child is forgotten. Completes with the main process's exit status.
     *
     * @param drainTimeout how long the output may take to drain after the exit
     */
    CompletableFuture<ExitStatus> end(Duration drainTimeout) {
        return child.onExit()
                .handle((status, err) -> err == null ? status : ExitStatus.killed(Signal.KILL.number()))
                .thenComposeAsync(status -> {
                    boolean stopping;
                    synchronized (this) {
                        exited = true;
                        stopping = stopBegun;
                    }
                    tree.mainExited();
                    if (stopping) {
                        // As for services: the rest of the tree keeps its grace (the main process may be a shell).
                        return treeGone.handle((killed, e) -> {
                            release(drainTimeout);
                            return status;
                        });
                    }
                    // No orphans, as for services: what is left of the run's tree, detached descendants too, dies with it.
                    tree.killLeftovers();
                    release(drainTimeout);
                    return CompletableFuture.completedFuture(status);
                }, worker);
    }

    /**
     * Claims the stop of a process that has not exited yet: the caller then runs {@link #stop}, and the end
     * waits for it.
     *
     * @return false if the main process exited already (its end kills what is left)
     */
    synchronized boolean beginStop() {
        if (exited) {
            return false;
        }
        stopBegun = true;
        return true;
    }

    /** A timeout: SIGKILL at once to the whole tree, marked descendants included. */
    void kill() {
        try {
            tree.kill();
        } catch (RuntimeException e) {
            log.warn("could not kill the tree of job run {}: {}", label, e.toString());
        }
    }

    /** The services' stop sequence: SIGTERM, the grace, then SIGKILL to what is left of the tree. */
    void stop() {
        tree.stop(Signal.TERM, stopGrace, stopPacer, worker, treeGone);
    }

    /** After the exit: waits (a while) for the output to drain, closes the log file, forgets the live child. */
    private void release(Duration drainTimeout) {
        try {
            drained.get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            log.debug("log pumps of job run {} did not drain: {}", label, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            file.close();
        } catch (IOException ignored) {
            // its lines are written
        }
        try {
            liveChildren.removeLaunch(tree.token());
        } catch (RuntimeException e) {
            log.warn("could not remove live child {}: {}", child.pid(), e.toString());
        }
    }
}
