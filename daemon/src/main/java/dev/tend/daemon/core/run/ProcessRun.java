package dev.tend.daemon.core.run;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child's life once it is forked ({@link RunStarter} starts it), a service's run or a job's: its tree, its output
 * on the way to its log, its record as a live child, its stop sequence, and its end. The end is a value
 * ({@link #end()}), not a call back into its owner: the owner decides what it means, then {@link #forget}s the
 * record once that is written down. Thread-safe.
 */
public final class ProcessRun {

    private static final Logger log = LoggerFactory.getLogger(ProcessRun.class);

    private final String label;
    private final ChildProcess child;
    /** Every process of the run, found by its tree and by the run's token. */
    private final RunTree tree;
    private final LaunchRecord record;
    /** Completes once the output's capture took both streams to their end. */
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final RunStarter starter;
    private final CompletableFuture<RunEnd> end;
    /** The stop sequence's "tree gone", once a stop began; the end waits for it. Guarded by this. */
    private CompletableFuture<Boolean> stopped;
    /** The main process exited. Guarded by this. */
    private boolean exited;

    /** Where and with what environment (marked) the run started: a stop_command runs the same way. */
    private final Path cwd;
    private final Map<String, String> env;

    ProcessRun(String label, ChildProcess child, LaunchRecord record, RunStarter starter, Path cwd,
               Map<String, String> env) {
        this.label = label;
        this.cwd = cwd;
        this.env = Map.copyOf(env);
        this.child = child;
        this.tree = new RunTree(starter.control(), child, record.token());
        this.record = record;
        this.starter = starter;
        this.end = child.onExit()
                .handle((status, err) -> err == null ? status : ExitStatus.killed(Signal.KILL.number()))
                .thenComposeAsync(this::mainExited, starter.worker());
    }

    /** Starts taking the child's output. */
    void capture(RunStarter.Output output) {
        output.capture(child.stdout(), child.stderr()).whenComplete((v, e) -> drained.complete(null));
    }

    public long pid() {
        return child.pid();
    }

    public Instant startTime() {
        return child.startTime();
    }

    /**
     * Completes once the run is over: the main process exited, what was left of its tree is gone (it dies at once,
     * no orphans; or, in a stop, it keeps the stop's timeout) and its output drained (or drain_timeout passed).
     */
    public CompletableFuture<RunEnd> end() {
        return end;
    }

    /** Whether the main process has exited (its end may still be under way). */
    public synchronized boolean hasExited() {
        return exited;
    }

    /**
     * The stop sequence: the signal, the timeout (on the starter's timer), SIGKILL to what is left of the tree.
     * Does nothing if the main process exited already (its end kills what is left) or a stop began.
     *
     * @return whether this call began the stop
     */
    public boolean stop(Signal sig, Duration timeout) {
        return stop(sig, timeout, null);
    }

    /**
     * As above, the tree asked to stop by the service's stop_command instead of the signal when there is one (see
     * {@link StopCommand}; the signal is its fallback).
     *
     * @param stopCommand the command, or null for the signal
     */
    public boolean stop(Signal sig, Duration timeout, String stopCommand) {
        if (!beginStop()) {
            return false;
        }
        Runnable ask = stopCommand == null ? () -> tree.signal(sig) : () -> StopCommand.ask(label, stopCommand, cwd,
                env, sig, tree, starter.launcher(), starter.worker(), () -> !hasExited());
        runStopSequence(ask, timeout);
        return true;
    }

    /** One run of {@link #stopAll}, with its signal and stop timeout. */
    public record Stop(ProcessRun run, Signal signal, Duration timeout) {
    }

    /**
     * Stops each run as {@link #stop(Signal, Duration)} does, all at once: one look at the process table for their
     * trees and one kill line per signal (see {@link RunTree#signalAll}), then each run's timeout and SIGKILL.
     *
     * @return the runs whose stop this call began (one that exited, or whose stop began before, is left out)
     */
    public static List<ProcessRun> stopAll(List<Stop> stops) {
        List<Stop> begun = new ArrayList<>();
        Map<RunTree, Signal> signals = new LinkedHashMap<>();
        for (Stop stop : stops) {
            if (stop.run().beginStop()) {
                begun.add(stop);
                signals.put(stop.run().tree, stop.signal());
            }
        }
        boolean asked;
        try {
            RunTree.signalAll(signals);
            asked = true;
        } catch (RuntimeException e) {
            log.warn("could not signal {} runs at once ({}); signalling each", begun.size(), e.toString());
            asked = false;
        }
        for (Stop stop : begun) {
            ProcessRun run = stop.run();
            try {
                run.runStopSequence(asked ? () -> { } : () -> run.tree.signal(stop.signal()), stop.timeout());
            } catch (RuntimeException e) { // one run's failure is its own: the others' sequences still begin
                log.warn("stop of {} failed: {}", run.label, e.toString());
            }
        }
        return begun.stream().map(Stop::run).toList();
    }

    /** Marks the stop as begun; false if the main process exited already or a stop began. */
    private synchronized boolean beginStop() {
        if (exited || stopped != null) {
            return false;
        }
        stopped = new CompletableFuture<>();
        return true;
    }

    /** The stop sequence after {@link #beginStop}: ask, the timeout, SIGKILL to what is left; its end is the run's. */
    private void runStopSequence(Runnable ask, Duration timeout) {
        tree.stop(ask, timeout, starter.timer(), starter.pacer(), starter.worker()).whenComplete((killed, e) -> {
            CompletableFuture<Boolean> gone;
            synchronized (this) {
                gone = stopped;
            }
            gone.complete(e == null ? killed : Boolean.TRUE);
        });
    }

    /** SIGKILL at once to the whole tree, marked descendants included (a job run past its timeout). */
    public void kill() {
        try {
            tree.kill();
        } catch (RuntimeException e) {
            log.warn("could not kill the tree of {}: {}", label, e.toString());
        }
    }

    /** A run its owner could not take on after all: its tree dies and its record goes (see {@link RunStarter}). */
    public void abandon(RuntimeException why) {
        log.warn("launch of {} failed after its fork; killing pid {}: {}", label, child.pid(), why.toString());
        try {
            tree.kill();
        } finally {
            record.remove();
        }
    }

    /**
     * Removes the run's live-child record; its owner calls it once the end is written down: a daemon killed in
     * between finds the record and writes an end of its own, never a start without one.
     */
    public void forget() {
        record.remove();
    }

    private CompletableFuture<RunEnd> mainExited(ExitStatus status) {
        CompletableFuture<Boolean> stopping;
        synchronized (this) {
            exited = true;
            stopping = stopped;
        }
        if (stopping == null) {
            // No orphans: what is left of the run's tree, detached descendants too, dies with it.
            stopping = tree.mainExitedKillLeftovers(starter.timer(), starter.pacer(), starter.worker())
                    .thenApply(outlived -> false); // not stopped: the end does not read as killed
        } else {
            // What is still in its session and group is found by the ids it leads, before they could be reused.
            tree.mainExited();
        }
        // In a stop the rest of the tree keeps the stop's timeout: the main process may be a shell above the program.
        return stopping.handleAsync((killed, e) -> {
            drain();
            return new RunEnd(status, Boolean.TRUE.equals(killed));
        }, starter.worker());
    }

    /** Waits (up to drain_timeout) for the last lines to be on disk before the end is declared. */
    private void drain() {
        try {
            drained.get(starter.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("output of {} did not drain: {}", label, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
