package dev.tend.daemon.core.health;

/**
 * Memory samples of one run against a limit: two samples in a row above it trip the limit (one alone may be a
 * short peak, pm2's `max_memory_restart` reacts to the same). Not thread-safe: kept per run under the supervisor's
 * lock.
 */
public final class MemoryStreak {

    /** How many samples in a row above the limit restart the service. */
    public static final int SAMPLES = 2;

    private int over;

    /** @return true when this sample is the {@link #SAMPLES}th in a row above the limit */
    public boolean sample(long rssBytes, long limitBytes) {
        if (limitBytes <= 0 || rssBytes <= limitBytes) {
            over = 0;
            return false;
        }
        over++;
        return over >= SAMPLES;
    }

    public int over() {
        return over;
    }
}
