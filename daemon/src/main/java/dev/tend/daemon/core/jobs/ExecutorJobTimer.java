package dev.tend.daemon.core.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobTimer} on one scheduler thread. The executor measures delays on the monotonic clock, which
 * stops while the machine sleeps and ignores wall-clock changes; so no wait lasts longer than
 * {@link #MAX_SLEEP}, after which the scheduler looks at the wall clock again.
 */
public final class ExecutorJobTimer implements JobTimer {

    static final Duration MAX_SLEEP = Duration.ofSeconds(30);

    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tend-jobs-timer");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;

    public ExecutorJobTimer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void wakeAt(Instant when, Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        // Rounded up: waking a little early would find nothing due and ask again at once.
        long nanos = Duration.between(clock.instant(), when).toNanos();
        long millis = Math.max(0, Math.min((nanos + 999_999) / 1_000_000, MAX_SLEEP.toMillis()));
        pending = executor.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        executor.shutdownNow();
    }
}
