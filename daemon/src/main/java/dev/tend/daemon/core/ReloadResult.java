package dev.tend.daemon.core;

import dev.tend.daemon.core.jobs.JobChanges;

import java.util.List;

/** What {@code register}/{@code reload} did to a project's services, by name, and to its jobs. */
public record ReloadResult(String project, List<String> added, List<String> removed, List<String> changed,
                           List<String> unchanged, JobChanges jobs) {

    public ReloadResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
        jobs = jobs == null ? JobChanges.NONE : jobs;
    }

    /** The services' part alone (jobs untouched). */
    public ReloadResult(String project, List<String> added, List<String> removed, List<String> changed,
                        List<String> unchanged) {
        this(project, added, removed, changed, unchanged, JobChanges.NONE);
    }

    public ReloadResult withJobs(JobChanges jobChanges) {
        return new ReloadResult(project, added, removed, changed, unchanged, jobChanges);
    }
}
