package dev.tend.daemon.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the core when a wait is over: a backoff, a min_uptime, a stop_timeout. The daemon uses {@link #on} its
 * scheduler; tests use one that runs what fell due when they move it on, so that these waits are tested in virtual
 * time.
 */
public interface Timer {

    /** A task not run yet; cancelling it after it ran does nothing. */
    interface Scheduled {
        void cancel();
    }

    /**
     * Runs the task once the delay is over (never under the caller's lock).
     *
     * @throws java.util.concurrent.RejectedExecutionException if the timer was shut down
     */
    Scheduled schedule(Duration delay, Runnable task);

    /** A timer on the executor. */
    static Timer on(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
