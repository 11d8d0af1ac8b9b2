package dev.tend.daemon.core.events;

/**
 * How much one subscriber may have queued (not yet taken by its sink) before it is declared lagged. Events are
 * shared between subscribers' queues, so these bound the backlog of each, not a copy per subscriber.
 */
public record BusLimits(int maxEvents, long maxBytes) {

    public static final BusLimits DEFAULT = new BusLimits(4096, 4L << 20);

    public BusLimits {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bus limits must be positive, got " + maxEvents + " events, " + maxBytes + " bytes");
        }
    }
}
