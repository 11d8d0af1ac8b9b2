package dev.tend.daemon.core;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the supervisor when a backoff or a min_uptime is over. The daemon uses {@link #on} its scheduler; tests
 * use one that runs what fell due when they move it on, so that these waits are tested in virtual time.
 */
public interface ServiceTimer {

    /** A task not run yet; cancelling it after it ran does nothing. */
    interface Scheduled {
        void cancel();
    }

    /** Runs the task once the delay is over (never under the caller's lock). */
    Scheduled schedule(Duration delay, Runnable task);

    /** A timer on the executor. */
    static ServiceTimer on(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
