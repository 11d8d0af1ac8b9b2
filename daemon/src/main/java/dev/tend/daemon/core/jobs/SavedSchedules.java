package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.SupervisorException;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What outlives the daemon of where each job's schedule stands: its anchor (for catch-up after downtime) and
 * its pause. The scheduler queues anchor writes as after-unlock actions ({@link #anchor}); a pause is written
 * before the schedule changes ({@link #savePause}).
 */
final class SavedSchedules {

    private final JobStore store;

    SavedSchedules(JobStore store) {
        this.store = store;
    }

    /** What earlier daemons left of the project's jobs that are not registered (known) yet, by name. */
    Map<String, Job.Saved> read(String project, Collection<JobSpec> specs, Set<String> known) {
        Map<String, Job.Saved> kept = new HashMap<>();
        for (JobSpec spec : specs) {
            String name = spec.name();
            if (!known.contains(name)) {
                kept.put(name, new Job.Saved(store.anchor(project, name), store.lastRun(project, name).orElse(null),
                        store.pausedSince(project, name).isPresent()));
            }
        }
        return kept;
    }

    /** Queues the write of the job's anchor after the lock is released; under the scheduler's lock. */
    void anchor(Job job, Instant anchor, Tx<?> tx) {
        String project = job.project;
        String name = job.spec.name();
        tx.after(() -> store.setAnchor(project, name, anchor));
    }

    /** Forgets the job's anchor and pause (its history stays). */
    void forget(String project, String name) {
        store.removeAnchor(project, name);
    }

    /**
     * Stored before the schedule changes, so a pause the user was told of is one the next daemon keeps.
     *
     * @param since when it was paused; null to resume
     * @throws SupervisorException FAILED if the store cannot take it (nothing changed)
     */
    void savePause(String project, String name, Instant since) {
        try {
            store.setPaused(project, name, since);
        } catch (RuntimeException e) {
            throw new SupervisorException(SupervisorException.Kind.FAILED, "could not " + (since == null ? "resume" : "pause")
                    + " job " + project + "/" + name + ": its state cannot be saved (" + e.getMessage() + "); nothing changed");
        }
    }
}
