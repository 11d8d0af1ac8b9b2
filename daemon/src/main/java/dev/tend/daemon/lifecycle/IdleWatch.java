package dev.tend.daemon.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Optional idle shutdown: once nothing is connected and nothing is running for the configured time, the
 * daemon stops (the next command starts it again). Checks once a second while a timeout is set; with none set
 * (the default) once a minute, only to notice a reload that sets one, so an idle daemon does not wake for nothing.
 */
public final class IdleWatch implements AutoCloseable {
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final Duration CHECK_WHILE_OFF = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tend-idle");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<Duration> timeout;
    private final BooleanSupplier busy;
    private final Shutdown shutdown;
    private final Clock clock;
    private Instant idleSince;

    /**
     * @param timeout read at every check, so a reload can change it; null disables the watch
     * @param busy    true while a client is connected or a service runs
     */
    public IdleWatch(Supplier<Duration> timeout, BooleanSupplier busy, Shutdown shutdown, Clock clock) {
        this.timeout = timeout;
        this.busy = busy;
        this.shutdown = shutdown;
        this.clock = clock;
        schedule(CHECK);
    }

    private void check() {
        Duration next = CHECK;
        try {
            Duration t = timeout.get();
            if (t == null) {
                idleSince = null;
                next = CHECK_WHILE_OFF;
            } else if (busy.getAsBoolean()) {
                idleSince = null;
            } else {
                Instant now = clock.instant();
                if (idleSince == null) {
                    idleSince = now;
                } else if (!now.isBefore(idleSince.plus(t))) {
                    shutdown.request("idle for " + t.toSeconds() + " s");
                }
            }
        } finally {
            schedule(next);
        }
    }

    private void schedule(Duration delay) {
        try {
            timer.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed: the daemon is going away
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
