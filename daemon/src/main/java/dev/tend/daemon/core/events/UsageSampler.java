package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ServiceUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Samples CPU and memory of the running services for the bus's usage subscribers, every {@link #INTERVAL}, and
 * only while {@link EventBus#wantsUsage()}: with no such subscriber, or nothing running, nothing ticks at all.
 * Each tick is one sample of every running service (one look at the process table), handed to
 * {@link EventBus#usageSampled}.
 */
public final class UsageSampler {
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(UsageSampler.class);

    private final Supplier<List<ServiceUsage>> source;
    private final EventBus bus;
    private final Ticker ticker;
    private final Duration interval;
    /** Stops the ticking; null while not ticking. Guarded by this. */
    private Runnable cancel;

    UsageSampler(Supplier<List<ServiceUsage>> source, EventBus bus, Ticker ticker, Duration interval) {
        this.source = Objects.requireNonNull(source, "source");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Makes the bus's demand for usage start and stop the sampling of source from now on. */
    public static UsageSampler attach(Supplier<List<ServiceUsage>> source, EventBus bus) {
        return attach(source, bus, Ticker.ownThread("tend-usage"), INTERVAL);
    }

    static UsageSampler attach(Supplier<List<ServiceUsage>> source, EventBus bus, Ticker ticker, Duration interval) {
        UsageSampler sampler = new UsageSampler(source, bus, ticker, interval);
        bus.onUsageDemand(sampler::demandChanged);
        sampler.demandChanged();
        return sampler;
    }

    /** Starts or stops ticking to match the bus's demand now; cheap, never blocks on a sample. */
    synchronized void demandChanged() {
        boolean wanted = bus.wantsUsage();
        if (wanted && cancel == null) {
            cancel = ticker.start(interval, this::tick);
        } else if (!wanted && cancel != null) {
            cancel.run();
            cancel = null;
        }
    }

    synchronized boolean ticking() {
        return cancel != null;
    }

    private void tick() {
        // A lagging subscriber is dropped without a demand callback: notice here that nobody is left.
        if (!bus.wantsUsage()) {
            demandChanged();
            return;
        }
        try {
            bus.usageSampled(source.get());
        } catch (RuntimeException e) {
            // A failed sample must not end the ticking: the next one may well work.
            log.warn("cannot sample service usage: {}", e.toString());
        }
    }
}
