package dev.tend.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the wait for an answer without giving up the blocking socket: when no answer came within the timeout it
 * asks the {@link Liveness} whether the daemon still answers anyone (a slow method, e.g. an `up --wait`, is fine and
 * the wait goes on), and if not, closes the connection so that the blocked read ends; the caller then reports
 * {@link #verdict()}. One per client; a daemon thread started on first use.
 */
final class AnswerWatchdog {
    /** Decides, once an answer is overdue, whether the daemon is still alive. */
    interface Liveness {
        /** @return null if the daemon answers (keep waiting), else why it does not, for the user */
        String check();
    }

    private static volatile ScheduledExecutorService timer;

    private final Duration timeout;
    private final Liveness liveness;
    private final Closeable connection;
    private volatile String verdict;
    private ScheduledFuture<?> pending;
    /** Which call's clock runs: an overdue check of an earlier call must not act on a later one. */
    private long call;

    AnswerWatchdog(Duration timeout, Liveness liveness, Closeable connection) {
        this.timeout = timeout;
        this.liveness = liveness;
        this.connection = connection;
    }

    /** Starts the clock for one answer. */
    synchronized void arm() {
        verdict = null;
        long thisCall = ++call;
        pending = timer().schedule(() -> overdue(thisCall), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The answer came (or the call failed otherwise). */
    synchronized void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Why the connection was closed, or null if the watchdog did not close it. */
    String verdict() {
        return verdict;
    }

    private void overdue(long thisCall) {
        String why = liveness.check();
        synchronized (this) {
            if (pending == null || call != thisCall) {
                return; // answered meanwhile
            }
            if (why == null) {
                pending = timer().schedule(() -> overdue(thisCall), timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            verdict = why;
            pending = null;
        }
        try {
            connection.close();
        } catch (IOException ignored) {
            // the blocked read ends either way
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            synchronized (AnswerWatchdog.class) {
                t = timer;
                if (t == null) {
                    // Two threads: an overdue check asks a second connection, whose own watchdog must be able to
                    // run while the first waits for it (with one, a daemon that answers nobody hung both for ever).
                    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, r -> {
                        Thread th = new Thread(r, "tend-answer-watchdog");
                        th.setDaemon(true);
                        return th;
                    });
                    s.setRemoveOnCancelPolicy(true);
                    timer = t = s;
                }
            }
        }
        return t;
    }
}
