package dev.tend.daemon.core.run;

/**
 * The store's record of one launch, kept so that a daemon killed at any point leaves no tree the next one cannot
 * find: on record with its run token before the fork, then with the child's pid, removed once the run is over.
 */
public interface LaunchRecord {

    /** The run's mark, carried by every process of the run. */
    String token();

    /**
     * Puts the launch on record before its fork.
     *
     * @throws RuntimeException if it cannot be recorded: the launch is not made then
     */
    void put();

    /** After the fork: the child's pid and start time. A failure here is the record's to log (the token still finds the tree). */
    void started(long pid, java.time.Instant startTime);

    /** Removes the record; a failure is the record's to log. */
    void remove();
}
