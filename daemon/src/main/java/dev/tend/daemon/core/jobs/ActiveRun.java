package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.jobs.JobRun.Trigger;

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
    RunProcess process;
    /** A stop sequence (daemon shutdown) was started; the exit waits for it before the run ends. */
    boolean stopBegun;
    /** The main process exited. */
    boolean exited;
    Instant deadline;
    boolean timedOut;
    boolean interrupted;

    ActiveRun(Job job, Trigger trigger, Instant scheduledFor) {
        this.job = job;
        this.trigger = trigger;
        this.scheduledFor = scheduledFor;
    }
}
