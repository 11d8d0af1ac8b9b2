package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SupervisorException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered jobs by project, in registration order, and how a project's new list of jobs replaces its old
 * one. Not thread-safe: the scheduler calls it under its lock, and saves and tells what a replacement reports.
 */
final class JobTable {

    private final Map<String, Map<String, Job>> projects = new LinkedHashMap<>();

    /**
     * What {@link #replace} did.
     *
     * @param told       the jobs added or changed, in the order given: each is told to listeners
     * @param newAnchors the jobs whose anchor is now (first seen, or retimed): each anchor is to be saved
     * @param removed    the jobs gone from the project, already {@link Job#forget forgotten}
     * @param changes    the same by name, for the caller
     */
    record Replacement(List<Job> told, List<Job> newAnchors, List<Job> removed, JobChanges changes) {
    }

    /**
     * Reads every job's schedule (and timezone) and checks its timeout.
     *
     * @throws IllegalArgumentException naming the job and what is wrong with it
     */
    static Map<String, JobSchedule> parse(Collection<JobSpec> jobs) {
        Map<String, JobSchedule> parsed = new HashMap<>();
        for (JobSpec spec : jobs) {
            try {
                parsed.put(spec.name(), JobSchedule.parse(spec.schedule(), spec.timezone()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("job '" + spec.name() + "': " + e.getMessage(), e);
            }
            if (spec.timeout() != null && (spec.timeout().isNegative() || spec.timeout().isZero())) {
                throw new IllegalArgumentException("job '" + spec.name() + "': timeout must be more than zero");
            }
        }
        return parsed;
    }

    /** The job, or null. */
    Job find(String project, String name) {
        return projects.getOrDefault(project, Map.of()).get(name);
    }

    /** @throws SupervisorException NOT_FOUND, naming the jobs the project has */
    Job require(String project, String name) {
        Map<String, Job> jobs = projects.get(project);
        Job job = jobs == null ? null : jobs.get(name);
        if (job == null) {
            String known = jobs == null ? "it has none" : "it has: " + String.join(", ", jobs.keySet());
            throw new SupervisorException(SupervisorException.Kind.NOT_FOUND, "project '" + project
                    + "' has no job named '" + name + "' (" + known + ")");
        }
        return job;
    }

    Set<String> names(String project) {
        return Set.copyOf(projects.getOrDefault(project, Map.of()).keySet());
    }

    /** Every job, in registration order. */
    List<Job> all() {
        List<Job> all = new ArrayList<>();
        projects.values().forEach(jobs -> all.addAll(jobs.values()));
        return all;
    }

    /** The jobs of one project, or of all if null, in registration order. */
    List<JobSnapshot> snapshots(String projectOrNull) {
        List<JobSnapshot> out = new ArrayList<>();
        projects.forEach((p, jobs) -> {
            if (projectOrNull == null || projectOrNull.equals(p)) {
                jobs.values().forEach(j -> out.add(j.snapshot()));
            }
        });
        return out;
    }

    /**
     * Sets the project's jobs to exactly these: new ones take up their schedule from what the store kept
     * ({@link Job#restore}), known ones take their new settings, the others are forgotten.
     *
     * @param parsed the specs' schedules, by job name ({@link #parse})
     * @param saved  what the store kept of the jobs new to this table, by job name
     */
    Replacement replace(String project, Map<String, String> baseEnv, Collection<JobSpec> specs,
                        Map<String, JobSchedule> parsed, Map<String, Job.Saved> saved, Instant now) {
        List<Job> told = new ArrayList<>();
        List<Job> newAnchors = new ArrayList<>();
        List<Job> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, Job> old = projects.getOrDefault(project, Map.of());
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (JobSpec spec : specs) {
            JobSchedule schedule = parsed.get(spec.name());
            Job job = old.get(spec.name());
            if (job == null) {
                job = new Job(project, spec, schedule, baseEnv);
                if (job.restore(saved.getOrDefault(spec.name(), new Job.Saved(Optional.empty(), null, false)), now)) {
                    newAnchors.add(job);
                }
                told.add(job);
                added.add(spec.name());
            } else {
                Job.Update update = job.update(spec, schedule, baseEnv, now);
                if (update == Job.Update.RETIMED) {
                    newAnchors.add(job);
                }
                if (update != Job.Update.NONE) {
                    told.add(job);
                    changed.add(spec.name());
                }
            }
            jobs.put(spec.name(), job);
        }
        for (Job gone : old.values()) {
            if (!jobs.containsKey(gone.spec.name())) {
                gone.forget();
                removed.add(gone);
            }
        }
        if (jobs.isEmpty()) {
            projects.remove(project);
        } else {
            projects.put(project, jobs);
        }
        return new Replacement(told, newAnchors, removed,
                new JobChanges(added, changed, removed.stream().map(j -> j.spec.name()).toList()));
    }
}
