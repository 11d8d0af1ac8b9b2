package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must outlive the daemon about jobs: every run, the schedule's anchor per job (for catch-up after
 * downtime) and whether it is paused, and the ad-hoc jobs. The SQLite implementation lives in {@code dev.tend.daemon.store}.
 * Every method is safe to call from any thread.
 */
public interface JobStore {

    /** Records a new run; returns it with its id. */
    JobRun insertRun(JobRun run);

    /** Overwrites the run with this id (its end, exit code, outcome). */
    void updateRun(JobRun run);

    /** Newest last; at most limit runs (the newest ones). */
    List<JobRun> runs(String project, String job, int limit);

    Optional<JobRun> run(long id);

    /** The newest run of the job that is not {@link JobRun.Outcome#SKIPPED}. */
    Optional<JobRun> lastRun(String project, String job);

    /** Runs recorded as running: after a daemon crash, these never ended. */
    List<JobRun> unfinishedRuns();

    /**
     * A run waiting for the job's current one to end (overlap: queue).
     *
     * @param token names this queued run alone (a job's next run may be queued before its last one's row replaced it)
     */
    record QueuedRun(String token, String project, String job, JobRun.Trigger trigger, Instant scheduledFor) {
    }

    /** Records a queued run. */
    void putQueued(QueuedRun run);

    /** Records the run the queued run with this token became (started, or skipped) and forgets it, in one transaction. */
    JobRun insertDequeued(JobRun run, String token);

    /** Queued runs on record: after a daemon crash, these never started. */
    List<QueuedRun> queuedRuns();

    /** The scheduled time the job last fired for (or when it was first registered). */
    Optional<Instant> anchor(String project, String job);

    void setAnchor(String project, String job, Instant anchor);

    /** Forgets the anchor and the pause of the job. */
    void removeAnchor(String project, String job);

    /** When the job's schedule was paused; empty if it runs. */
    Optional<Instant> pausedSince(String project, String job);

    /** Pauses the job's schedule (since the time) or, with null, resumes it. */
    void setPaused(String project, String job, Instant since);

    /** Ad-hoc jobs (project "adhoc") by name, with their full environment in {@link JobSpec#env()}. */
    void putAdhocJob(JobSpec job);

    void removeAdhocJob(String name);

    Map<String, JobSpec> adhocJobs();
}
