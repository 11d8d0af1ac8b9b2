package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;

/** What a job's overlap setting makes of one more run while another is under way (or queued). */
enum OverlapPolicy {
    /** Start it now: nothing runs, or overlap: allow. */
    START,
    /** Queue it behind the running one (overlap: queue, nothing queued yet). */
    QUEUE,
    /** A run is already queued (overlap: queue): a scheduled run is skipped, a manual one joins the queued one. */
    ALREADY_QUEUED,
    /** A run is under way and overlap is skip: a scheduled run is skipped, a manual one refused. */
    BUSY;

    /** Under the scheduler's lock. */
    static OverlapPolicy decide(Job job) {
        if (job.active.isEmpty() || job.spec.overlap() == JobSpec.Overlap.ALLOW) {
            return START;
        }
        if (job.spec.overlap() == JobSpec.Overlap.QUEUE) {
            return job.queued == null ? QUEUE : ALREADY_QUEUED;
        }
        return BUSY;
    }

    /** Why a scheduled run of the job is skipped, for its history row; under the scheduler's lock. */
    static String skipReason(Job job) {
        return job.queued != null ? "a run is already queued (overlap: queue)"
                : "the previous run is still running (overlap: skip)";
    }
}
