package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.jobs.JobSnapshot;

import java.util.List;

/** The state a subscription starts from: every later event has a seq above {@code seq}. */
public record Snapshot(long seq, List<ProjectInfo> projects, List<ServiceSnapshot> services, List<JobSnapshot> jobs) {

    public Snapshot {
        projects = List.copyOf(projects);
        services = List.copyOf(services);
        jobs = List.copyOf(jobs);
    }
}
