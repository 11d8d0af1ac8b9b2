package dev.tend.daemon.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Optional idle shutdown: once nothing is connected and nothing is running for the configured time, the
 * daemon stops (the next command starts it again). Checks a few times per timeout; no busy polling.
 */
public final class IdleWatch implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tend-idle");
        t.setDaemon(true);
        return t;
    });
    private Instant idleSince;

    /**
     * @param timeout read at every check, so a reload can change it; null disables the watch
     * @param busy    true while a client is connected or a service runs
     */
    public IdleWatch(Supplier<Duration> timeout, BooleanSupplier busy, Shutdown shutdown, Clock clock) {
        timer.scheduleWithFixedDelay(() -> {
            Duration t = timeout.get();
            if (t == null || busy.getAsBoolean()) {
                idleSince = null;
                return;
            }
            Instant now = clock.instant();
            if (idleSince == null) {
                idleSince = now;
            } else if (!now.isBefore(idleSince.plus(t))) {
                shutdown.request("idle for " + t.toSeconds() + " s");
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
