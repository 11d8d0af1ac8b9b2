package dev.tend.daemon.core.projects;

import dev.tend.daemon.core.ServiceChanges;
import dev.tend.daemon.core.jobs.JobChanges;

import java.util.List;

/**
 * What {@code register}/{@code reload} did to a project's services, by name, and to its jobs. It lives above
 * both core and core.jobs, so that neither imports the other's results.
 */
public record ReloadResult(String project, List<String> added, List<String> removed, List<String> changed,
                           List<String> unchanged, JobChanges jobs) {

    public ReloadResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
        jobs = jobs == null ? JobChanges.NONE : jobs;
    }

    public ReloadResult(ServiceChanges services, JobChanges jobChanges) {
        this(services.project(), services.added(), services.removed(), services.changed(), services.unchanged(),
                jobChanges);
    }
}
