package dev.tend.daemon.core.events;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Runs a task now and then again every period until cancelled (tests drive the ticks by hand). */
public interface Ticker {

    /** @return cancels the ticking; a tick already running finishes */
    Runnable start(Duration period, Runnable tick);

    /**
     * Ticks on one daemon thread that exists only while something ticks (an idle daemon keeps no thread awake).
     * A tick that takes longer than the period delays the next one rather than piling up.
     */
    static Ticker ownThread(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return (period, tick) -> {
            ScheduledFuture<?> f = timer.scheduleWithFixedDelay(tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }
}
