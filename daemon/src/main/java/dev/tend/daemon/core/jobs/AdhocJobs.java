package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The jobs added with `tend job add` (project {@value JobScheduler#ADHOC}), kept in the store so that they come
 * back with the next daemon. Each change answers the whole list, which the scheduler then registers.
 */
final class AdhocJobs {

    private static final Logger log = LoggerFactory.getLogger(AdhocJobs.class);

    private final JobStore store;

    AdhocJobs(JobStore store) {
        this.store = store;
    }

    /** @throws IllegalArgumentException for the project name reserved for ad-hoc jobs */
    static void checkNotReserved(String project) {
        if (JobScheduler.ADHOC.equals(project)) {
            throw new IllegalArgumentException("project name '" + JobScheduler.ADHOC
                    + "' is reserved for jobs added with 'tend job add'");
        }
    }

    /**
     * Stores the job; returns every ad-hoc job.
     *
     * @param exists whether an ad-hoc job of that name is registered
     * @throws SupervisorException CONFLICT if it exists
     */
    List<JobSpec> add(JobSpec job, boolean exists) {
        if (exists) {
            throw new SupervisorException(SupervisorException.Kind.CONFLICT, "an ad-hoc job named '" + job.name()
                    + "' already exists; remove it first ('tend job rm " + job.name() + "') or choose another name");
        }
        store.putAdhocJob(job);
        return new ArrayList<>(store.adhocJobs().values());
    }

    /**
     * Forgets the job; returns the ad-hoc jobs left.
     *
     * @param exists whether an ad-hoc job of that name is registered
     * @throws SupervisorException NOT_FOUND if it does not exist
     */
    List<JobSpec> remove(String name, boolean exists) {
        if (!exists) {
            throw new SupervisorException(SupervisorException.Kind.NOT_FOUND, "no ad-hoc job named '" + name + "'");
        }
        store.removeAdhocJob(name);
        return new ArrayList<>(store.adhocJobs().values());
    }

    /** The stored ad-hoc jobs this daemon can schedule; one it cannot read is logged and left out. */
    List<JobSpec> restorable() {
        List<JobSpec> valid = new ArrayList<>();
        for (JobSpec spec : store.adhocJobs().values()) {
            try {
                JobTable.parse(List.of(spec));
                valid.add(spec);
            } catch (IllegalArgumentException e) {
                log.warn("ad-hoc job {} is not scheduled: {}", spec.name(), e.getMessage());
            }
        }
        return valid;
    }
}
