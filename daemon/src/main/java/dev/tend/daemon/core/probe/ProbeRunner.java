package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.logs.LogLine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Repeats a probe every interval until it passes ({@link #ready()} completes) or the timeout passes
 * ({@link #ready()} fails with {@link ProbeTimeoutException}). The scheduler only times the attempts; each
 * attempt runs on the worker executor, so a slow check never holds up the scheduler.
 */
public final class ProbeRunner {

    private final Probe probe;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile long startNanos;
    /** The next attempt's timer. Guarded by this. */
    private ScheduledFuture<?> next;

    public ProbeRunner(Probe probe, Duration interval, Duration timeout, ScheduledExecutorService scheduler,
                       Executor worker) {
        this.probe = probe;
        this.interval = interval;
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.worker = worker;
    }

    /** First attempt at once. */
    public void start() {
        startNanos = System.nanoTime();
        schedule(0);
    }

    public CompletableFuture<Void> ready() {
        return ready;
    }

    public Probe probe() {
        return probe;
    }

    /** Feeds captured log lines to the probe; a log probe may become ready here without waiting for a poll. */
    public void onLines(List<LogLine> lines) {
        if (!ready.isDone() && probe.onLines(lines)) {
            ready.complete(null);
            cancelTimer();
        }
    }

    /** Stops polling; {@link #ready()} is left as it is if already done, else cancelled. */
    public void cancel() {
        ready.cancel(false);
        cancelTimer();
    }

    private synchronized void cancelTimer() {
        if (next != null) {
            next.cancel(false);
        }
    }

    /**
     * Under the lock: the first attempt may run, and schedule the next, before {@code schedule} has returned the
     * first's future to its caller; unlocked, that late assignment overwrote the next attempt's, and a cancel then
     * left the next attempt's timer behind.
     */
    private synchronized void schedule(long delayMillis) {
        if (ready.isDone()) {
            return;
        }
        try {
            next = scheduler.schedule(() -> worker.execute(this::attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ready.cancel(false);
        }
    }

    private void attempt() {
        if (ready.isDone()) {
            return;
        }
        boolean ok;
        try {
            ok = probe.check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            ok = false;
        }
        if (ok) {
            ready.complete(null);
        } else if (Duration.ofNanos(System.nanoTime() - startNanos).compareTo(timeout) >= 0) {
            ready.completeExceptionally(new ProbeTimeoutException(probe.describe(), timeout));
        } else {
            schedule(interval.toMillis());
        }
    }
}
