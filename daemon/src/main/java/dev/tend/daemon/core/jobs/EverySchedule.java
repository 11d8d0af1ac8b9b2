package dev.tend.daemon.core.jobs;

import java.time.Duration;
import java.time.Instant;

/** "@every DURATION": runs at anchor + k * interval, whatever the time zone. */
public record EverySchedule(String text, Duration interval) implements JobSchedule {

    @Override
    public Instant nextAfter(Instant anchor, Instant now) {
        if (now.isBefore(anchor)) {
            return anchor.plus(interval);
        }
        return anchor.plus(interval.multipliedBy(periods(anchor, now) + 1));
    }

    @Override
    public Instant latestDue(Instant anchor, Instant now) {
        long k = now.isBefore(anchor) ? 0 : periods(anchor, now);
        return k == 0 ? null : anchor.plus(interval.multipliedBy(k));
    }

    /** Whole intervals from anchor to now. */
    private long periods(Instant anchor, Instant now) {
        return Duration.between(anchor, now).dividedBy(interval);
    }
}
