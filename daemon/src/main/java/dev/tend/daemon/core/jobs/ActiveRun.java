package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.jobs.JobRun.Trigger;
import dev.tend.daemon.core.run.ProcessRun;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A run from the moment it was decided until its end is recorded; its fields change under the scheduler's lock. */
final class ActiveRun {
    final Job job;
    final Trigger trigger;
    final Instant scheduledFor;
    final CompletableFuture<JobRun> started = new CompletableFuture<>();
    final CompletableFuture<JobRun> finished = new CompletableFuture<>();
    JobRun run;
    /** Its process, once launched. */
    ProcessRun process;
    Instant deadline;
    boolean timedOut;
    boolean interrupted;

    ActiveRun(Job job, Trigger trigger, Instant scheduledFor) {
        this.job = job;
        this.trigger = trigger;
        this.scheduledFor = scheduledFor;
    }

    /**
     * Its process started at that time: its deadline runs from then.
     *
     * @return true if the daemon began stopping meanwhile: its process is to be stopped now
     */
    boolean launched(JobRun startedRun, ProcessRun launchedProcess, Instant at) {
        run = startedRun;
        process = launchedProcess;
        Duration timeout = job.spec.timeout();
        deadline = timeout == null ? null : at.plus(timeout);
        return interrupted;
    }

    /**
     * The daemon stops: the run ends as interrupted.
     *
     * @return true if its process is to be stopped now (one not launched yet is stopped by its launch)
     */
    boolean interrupt() {
        interrupted = true;
        return process != null;
    }

    /** It will never start (or end): whoever waits for it hears why. */
    void fail(RuntimeException why) {
        started.completeExceptionally(why);
        finished.completeExceptionally(why);
    }
}
