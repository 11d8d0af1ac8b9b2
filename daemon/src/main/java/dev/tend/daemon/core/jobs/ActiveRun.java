package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.jobs.JobRun.Trigger;
import dev.tend.daemon.core.run.ProcessRun;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run from the moment it was decided until its end is recorded; its fields change under the scheduler's lock. */
final class ActiveRun {
    private static final Duration RECORD_WAIT = Duration.ofSeconds(30);

    final Job job;
    final Trigger trigger;
    final Instant scheduledFor;
    final CompletableFuture<JobRun> started = new CompletableFuture<>();
    final CompletableFuture<JobRun> finished = new CompletableFuture<>();
    /** Done once a queued run's record is written: its start or drop waits for it, so that record cannot outlive it. */
    private final CompletableFuture<Void> queueRecorded = new CompletableFuture<>();
    /** The token of its queued record if it waited in the job's queue, else null. */
    private volatile String queueToken;
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

    /** It waits for the job's current run to end (under the lock). */
    void queue() {
        queueToken = java.util.UUID.randomUUID().toString();
    }

    /** The token of its queued record, or null if it was never queued. */
    String queueToken() {
        return queueToken;
    }

    /** Its queued record is written (or could not be). */
    void queueRecorded() {
        queueRecorded.complete(null);
    }

    /** Waits until the queued record of a run that was queued is written: its own row then replaces it. */
    void awaitQueueRecord() {
        if (queueToken == null) {
            return;
        }
        try {
            queueRecorded.get(RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a store that hangs longer than this: the run goes on; at worst its due time is recorded twice
        }
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
