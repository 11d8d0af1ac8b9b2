package dev.tend.daemon.core.projects;

import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceChanges;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.jobs.JobScheduler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
        ServiceChanges services = supervisor.register(spec, baseEnv);
        return new ReloadResult(services, jobs.register(spec.name(), baseEnv, spec.jobs().values()));
    }

    /**
     * Stops the project's services and forgets it and its jobs; with {@code purge}, its history, job runs and
     * logs go too (once its services are stopped, so that nothing is written after).
     *
     * @return completes with the names of the services it had once their processes are gone
     */
    public CompletableFuture<List<String>> forget(String project, boolean purge) {
        CompletableFuture<List<String>> stopped = supervisor.forgetProject(project);
        jobs.unregister(project);
        return purge ? stopped.thenApply(names -> {
            supervisor.purgeProject(project);
            return names;
        }) : stopped;
    }

    /** Like {@link #register}, for a project that must already be registered (NOT_FOUND otherwise). */
    public ReloadResult reload(ProjectSpec spec, Map<String, String> baseEnv) {
        jobs.validate(spec.jobs().values());
        ServiceChanges services = supervisor.reload(spec, baseEnv);
        return new ReloadResult(services, jobs.register(spec.name(), baseEnv, spec.jobs().values()));
    }
}
