package dev.tend.daemon.core.watch;

import dev.tend.daemon.core.time.Timer;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Turns changes into restarts: a change (re)starts the quiet period; when it ends, one restart. Changes while a
 * restart is under way are coalesced: once it is done, at most one more restart follows. The waits run on the
 * injected {@link Timer}, so the rules are tested in virtual time. Thread-safe: changes come from the watcher's
 * thread, the quiet period's end from the timer's, a restart's end from wherever it completes.
 */
public final class Burst {

    private final Timer timer;
    private final Duration quiet;
    private final Function<Path, CompletionStage<?>> restart;
    /** The first change of what the next restart is for (what its history row names). */
    private Path first;
    private Timer.Scheduled pending;
    private boolean restarting;
    private boolean again;
    private boolean closed;

    /**
     * @param restart begins a restart for the first change it coalesced; its stage completes (either way) when the
     *                service is up again or down
     */
    public Burst(Timer timer, Duration quiet, Function<Path, CompletionStage<?>> restart) {
        this.timer = timer;
        this.quiet = quiet;
        this.restart = restart;
    }

    /** A watched file changed. */
    public synchronized void changed(Path path) {
        if (closed) {
            return;
        }
        if (first == null) {
            first = path;
        }
        if (pending != null) {
            pending.cancel();
        }
        try {
            pending = timer.schedule(quiet, this::quietOver);
        } catch (RejectedExecutionException e) {
            closed = true; // the daemon shuts down
        }
    }

    /** No restart from now on (one under way runs on). */
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void quietOver() {
        synchronized (this) {
            pending = null;
            if (closed) {
                return;
            }
            if (restarting) {
                again = true;
                return;
            }
            restarting = true;
        }
        begin();
    }

    private void begin() {
        Path cause;
        synchronized (this) {
            cause = first;
            first = null;
        }
        CompletionStage<?> stage;
        try {
            stage = restart.apply(cause);
        } catch (RuntimeException e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((v, e) -> restartDone());
    }

    private void restartDone() {
        synchronized (this) {
            if (!again || closed) {
                restarting = false;
                again = false;
                return;
            }
            again = false;
        }
        begin();
    }
}
