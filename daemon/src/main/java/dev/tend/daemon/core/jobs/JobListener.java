package dev.tend.daemon.core.jobs;

/**
 * Hears of every change of a job (a run started or ended, the next run moved, it was added or changed),
 * in order, on the scheduler's event thread; never under its lock.
 */
public interface JobListener {

    void jobChanged(JobSnapshot job);

    /** The job was removed (ad-hoc job removed, or gone from its project file on reload). */
    default void jobRemoved(String project, String name) {
    }
}
