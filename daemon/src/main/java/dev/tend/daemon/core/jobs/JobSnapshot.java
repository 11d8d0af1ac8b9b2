package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;

import java.time.Instant;

/**
 * A job as clients see it at one moment.
 *
 * @param running runs under way now (more than one only with overlap: allow)
 * @param queued  whether a run waits for the current one to end (overlap: queue)
 * @param nextRun the next scheduled time; null if the schedule never comes due again
 * @param lastRun the newest run that started or failed to (skipped ones aside), or null
 * @param paused  whether its schedule is paused (`tend job pause`): then nextRun is null
 */
public record JobSnapshot(String project, JobSpec spec, int running, boolean queued, Instant nextRun, JobRun lastRun,
                          boolean paused) {

    public String name() {
        return spec.name();
    }

    /** "running" while a run is under way, else "paused" or "idle". */
    public String state() {
        return running > 0 ? "running" : paused ? "paused" : "idle";
    }
}
