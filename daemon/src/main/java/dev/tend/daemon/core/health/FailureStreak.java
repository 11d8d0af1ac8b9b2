package dev.tend.daemon.core.health;

/**
 * Liveness checks of one run in a row: failures count up, a success starts the count over. Not thread-safe: the
 * supervisor keeps one per run under its lock.
 */
public final class FailureStreak {

    private int failures;
    private String lastError;

    /**
     * Counts one check.
     *
     * @param error   why it failed (null when it passed)
     * @param allowed how many failures in a row restart the service
     * @return true when this failure is the one that reaches {@code allowed}
     */
    public boolean record(boolean passed, String error, int allowed) {
        if (passed) {
            failures = 0;
            lastError = null;
            return false;
        }
        failures++;
        lastError = error;
        return failures >= allowed;
    }

    /** Starts the count over (the probe itself changed). */
    public void reset() {
        failures = 0;
        lastError = null;
    }

    public int failures() {
        return failures;
    }

    /** Why the last check failed, or null when it passed (or none ran yet). */
    public String lastError() {
        return lastError;
    }
}
