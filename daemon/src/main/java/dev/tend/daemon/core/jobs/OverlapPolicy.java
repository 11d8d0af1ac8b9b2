package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;

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

    /** Decides for the run and applies it: START adds it to the runs under way, QUEUE queues it. Under the lock. */
    static OverlapPolicy admit(Job job, ActiveRun ar) {
        OverlapPolicy policy = decide(job);
        if (policy == START) {
            job.active.add(ar);
        } else if (policy == QUEUE) {
            job.queued = ar;
            ar.queue();
        }
        return policy;
    }

    /** A manual run that {@link #BUSY} refuses, in the user's words; under the scheduler's lock. */
    static SupervisorException refusal(Job job) {
        ActiveRun running = job.active.get(0);
        return new SupervisorException(SupervisorException.Kind.CONFLICT, "job " + job.ref() + " is already running"
                + (running.run != null ? " (run " + running.run.id() + ")" : "")
                + " and its overlap policy is skip; wait for it, or set overlap: queue or allow");
    }

    /** Why a scheduled run of the job is skipped, for its history row; under the scheduler's lock. */
    static String skipReason(Job job) {
        return job.queued != null ? "a run is already queued (overlap: queue)"
                : "the previous run is still running (overlap: skip)";
    }
}
