package dev.tend.daemon.core;

import dev.tend.daemon.core.jobs.JobScheduler;

import java.util.Map;

/**
 * Applies a project file to both halves of a project, services and jobs, as one step: every job is
 * checked before anything changes, so a file with a bad schedule changes nothing that runs.
 */
public final class ProjectRegistration {
    private final Supervisor supervisor;
    private final JobScheduler jobs;

    public ProjectRegistration(Supervisor supervisor, JobScheduler jobs) {
        this.supervisor = supervisor;
        this.jobs = jobs;
    }

    /** Adds the project, or applies the difference to a registered one. */
    public ReloadResult register(ProjectSpec spec, Map<String, String> baseEnv) {
        jobs.validate(spec.jobs().values());
        ReloadResult result = supervisor.register(spec, baseEnv);
        return result.withJobs(jobs.register(spec.name(), baseEnv, spec.jobs().values()));
    }

    /** Like {@link #register}, for a project that must already be registered (NOT_FOUND otherwise). */
    public ReloadResult reload(ProjectSpec spec, Map<String, String> baseEnv) {
        jobs.validate(spec.jobs().values());
        ReloadResult result = supervisor.reload(spec, baseEnv);
        return result.withJobs(jobs.register(spec.name(), baseEnv, spec.jobs().values()));
    }
}
