package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A registered job and where its schedule stands; the scheduler changes it under its lock only. */
final class Job {
    final String project;
    JobSpec spec;
    JobSchedule schedule;
    Map<String, String> baseEnv;
    Instant anchor;
    Instant next;
    Instant catchUpFor;
    final List<ActiveRun> active = new ArrayList<>();
    ActiveRun queued;
    JobRun lastRun;
    boolean removed;
    /** `tend job pause`: no scheduled or catch-up run starts; next is null. Kept in the store. */
    boolean paused;

    Job(String project, JobSpec spec, JobSchedule schedule, Map<String, String> baseEnv) {
        this.project = project;
        this.spec = spec;
        this.schedule = schedule;
        this.baseEnv = Map.copyOf(baseEnv);
    }

    String ref() {
        return project + "/" + spec.name();
    }

    JobSnapshot snapshot() {
        return new JobSnapshot(project, spec, active.size(), queued != null, next, lastRun, paused);
    }
}
