package dev.tend.daemon.core.jobs;

import java.time.Instant;

/**
 * Wakes the scheduler. Production code uses {@link ExecutorJobTimer}; tests use one that only records the
 * requested time and call {@link JobScheduler#runDue()} themselves after moving their clock.
 */
public interface JobTimer extends AutoCloseable {

    /** Calls task at (or soon after) the time, replacing the previously requested wake-up. */
    void wakeAt(Instant when, Runnable task);

    @Override
    void close();
}
