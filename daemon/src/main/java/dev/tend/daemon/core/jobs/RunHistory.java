package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.SupervisorException;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import dev.tend.daemon.core.jobs.JobRun.Trigger;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * The record of job runs: a history row for every run (skipped ones too) from its start to its end, the log
 * files of the newest runs, and what the history and the logs answer. A store that fails is logged: a run goes
 * on (or ends) whether or not its row could be written. Never called under the scheduler's lock.
 */
final class RunHistory {

    private static final Logger log = LoggerFactory.getLogger(RunHistory.class);

    /** At most this many ends wait for the store; past it the oldest is given up (the next daemon reads it interrupted). */
    static final int MAX_UNSAVED_ENDS = 1000;

    private final JobStore store;
    /**
     * Ends of runs the store could not take (a full disk), oldest first: written at the next write or read of the
     * history, so a run that ended is not left "running" in the store, to be read as interrupted by the next daemon.
     */
    private final ArrayDeque<JobRun> unsavedEnds = new ArrayDeque<>();
    private final RunLogs runLogs;
    private final int keepRunLogs;
    private final Clock clock;

    RunHistory(JobStore store, RunLogs runLogs, int keepRunLogs, Clock clock) {
        this.store = store;
        this.runLogs = runLogs;
        this.keepRunLogs = keepRunLogs;
        this.clock = clock;
    }

    /** Times of runs, at the store's precision, so a run read back equals the one in memory. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Records the runs a crashed daemon left as running as interrupted (their processes were reaped). */
    int recoverInterrupted() {
        int n = 0;
        Instant now = now();
        for (JobRun r : store.unfinishedRuns()) {
            store.updateRun(r.ended(now, null, null, Outcome.INTERRUPTED, "the daemon stopped while it ran"));
            n++;
        }
        return n;
    }

    /**
     * Records the queued runs a crashed daemon left as skipped: they never started, and their due times are not run
     * again (the schedule's anchor had passed them).
     */
    int recoverQueued() {
        int n = 0;
        Instant now = now();
        for (JobStore.QueuedRun q : store.queuedRuns()) {
            store.insertDequeued(new JobRun(0, q.project(), q.job(), q.trigger(), q.scheduledFor(), null, now, null,
                    null, Outcome.SKIPPED, 0, "the daemon stopped while it was queued"), q.token());
            n++;
        }
        return n;
    }

    /** A run now waits for the job's current one: on record until it starts or is dropped (never under the lock). */
    void queued(String token, String project, String job, Trigger trigger, Instant scheduledFor) {
        try {
            store.putQueued(new JobStore.QueuedRun(token, project, job, trigger, scheduledFor));
        } catch (RuntimeException e) {
            log.warn("could not record the queued {} run of job {}/{} (if the daemon dies before it starts, it "
                    + "leaves no trace): {}", trigger.wireName(), project, job, e.toString());
        }
    }

    /**
     * The row of a run about to start, with its id; or, if the store cannot take it, the run as failed (id 0,
     * not started) with the reason.
     *
     * @param dequeued the token of the queued run it was, whose record goes in the same transaction; null if none
     */
    JobRun open(String project, String job, Trigger trigger, Instant scheduledFor, String dequeued) {
        saveUnsavedEnds();
        try {
            JobRun opening = new JobRun(0, project, job, trigger, scheduledFor, now(), null, null, null,
                    Outcome.RUNNING, 0, null);
            return dequeued != null ? store.insertDequeued(opening, dequeued) : store.insertRun(opening);
        } catch (RuntimeException e) {
            log.error("job {}/{}: cannot record its run, not starting it: {}", project, job, e.toString());
            return new JobRun(0, project, job, trigger, scheduledFor, null, now(), null, null,
                    Outcome.FAILED, 0, "cannot record the run: " + e.getMessage());
        }
    }

    /** The run's process started at that time with that pid. */
    JobRun started(JobRun run, Instant at, long pid) {
        saveUnsavedEnds();
        JobRun started = run.started(at, pid);
        try {
            store.updateRun(started);
        } catch (RuntimeException e) {
            log.warn("could not record the start of job {}/{} run {}: {}", run.project(), run.job(), run.id(),
                    e.toString());
        }
        return started;
    }

    /**
     * The run as its process's exit ends it: timed out or interrupted if the scheduler said so, else by its status.
     *
     * @param timeout the job's timeout (set if timedOut)
     */
    JobRun exited(JobRun run, ExitStatus status, boolean timedOut, boolean interrupted, Duration timeout) {
        Integer code = status.killedBySignal() ? null : status.code();
        String sig = null;
        if (status.killedBySignal()) {
            Signal s = Signal.ofNumber(status.signal());
            sig = s != null ? s.fullName() : "SIG" + status.signal();
        }
        Outcome outcome;
        String reason;
        if (timedOut) {
            outcome = Outcome.TIMED_OUT;
            reason = "timed out after " + timeout.toString().substring(2).toLowerCase(Locale.ROOT)
                    + " (its process tree was killed)";
        } else if (interrupted) {
            outcome = Outcome.INTERRUPTED;
            reason = "the daemon stopped while it ran";
        } else if (status.success()) {
            outcome = Outcome.SUCCEEDED;
            reason = null;
        } else {
            outcome = Outcome.FAILED;
            reason = null; // the exit code or signal says it
        }
        return run.ended(now(), code, sig, outcome, reason);
    }

    /** Deletes the log files of all but the job's newest runs. */
    void pruneLogs(String project, String job) {
        try {
            runLogs.prune(project, job, keepRunLogs);
        } catch (IOException | RuntimeException e) {
            log.debug("could not prune old run logs of {}/{}: {}", project, job, e.toString());
        }
    }

    /** Records the end of a run (a new row for one that never had one); returns it with its id. */
    JobRun end(JobRun run) {
        saveUnsavedEnds();
        try {
            if (run.id() == 0) {
                return store.insertRun(run);
            }
            store.updateRun(run);
        } catch (RuntimeException e) {
            log.warn("could not record the end of job {}/{} run {}: {}{}", run.project(), run.job(), run.id(),
                    e.toString(), run.id() == 0 ? "" : "; it is written once the store takes writes again");
            if (run.id() != 0) {
                keepUnsaved(run);
            }
        }
        return run;
    }

    private void keepUnsaved(JobRun run) {
        synchronized (unsavedEnds) {
            if (unsavedEnds.size() == MAX_UNSAVED_ENDS) {
                JobRun lost = unsavedEnds.poll();
                log.warn("giving up on recording the end of job {}/{} run {}", lost.project(), lost.job(), lost.id());
            }
            unsavedEnds.add(run);
        }
    }

    /** Writes the ends the store could not take before, oldest first, until one fails again. */
    void saveUnsavedEnds() {
        synchronized (unsavedEnds) {
            while (!unsavedEnds.isEmpty()) {
                try {
                    store.updateRun(unsavedEnds.peek());
                } catch (RuntimeException e) {
                    return;
                }
                JobRun saved = unsavedEnds.poll();
                log.info("recorded the end of job {}/{} run {} now that the store takes writes again", saved.project(),
                        saved.job(), saved.id());
            }
        }
    }

    /**
     * A row for a due time that got no run (the overlap policy, a dropped queue), saying why.
     *
     * @param dequeued the token of the queued run it was, whose record goes in the same transaction; null if none
     */
    void skipped(String project, String job, Trigger trigger, Instant due, Instant at, String why, String dequeued) {
        saveUnsavedEnds();
        try {
            JobRun skipped = new JobRun(0, project, job, trigger, due, null, at, null, null, Outcome.SKIPPED, 0, why);
            if (dequeued != null) {
                store.insertDequeued(skipped, dequeued);
            } else {
                store.insertRun(skipped);
            }
        } catch (RuntimeException e) {
            log.warn("could not record the skipped {} run of job {}/{}: {}", trigger.wireName(), project, job,
                    e.toString());
        }
    }

    /** Newest last, at most limit runs, skipped ones included. */
    List<JobRun> runs(String project, String job, int limit) {
        saveUnsavedEnds();
        return store.runs(project, job, limit);
    }

    /**
     * The log file of a run of the job: the given one, or (runId null) the newest run that started.
     *
     * @throws SupervisorException NOT_FOUND if the run is unknown, never started, or its log is gone (history
     *                             outlives logs: only the newest runs' logs are kept)
     */
    RunLog runLog(String project, String name, Long runId) {
        saveUnsavedEnds();
        JobRun run;
        if (runId == null) {
            run = store.lastRun(project, name).orElseThrow(() -> new SupervisorException(
                    SupervisorException.Kind.NOT_FOUND, "job " + project + "/" + name + " has not run yet"));
        } else {
            run = store.run(runId).filter(r -> r.project().equals(project) && r.job().equals(name))
                    .orElseThrow(() -> new SupervisorException(SupervisorException.Kind.NOT_FOUND,
                            "job " + project + "/" + name + " has no run " + runId + " (see `tend job history " + name + "`)"));
        }
        Path file = runLogs.file(project, name, run.id());
        if (!Files.exists(file)) {
            if (run.outcome() == Outcome.SKIPPED) {
                throw new SupervisorException(SupervisorException.Kind.NOT_FOUND, "run " + run.id() + " of job "
                        + project + "/" + name + " was skipped (" + run.reason() + "): it has no log");
            }
            if (run.outcome() != Outcome.RUNNING) {
                throw new SupervisorException(SupervisorException.Kind.NOT_FOUND, "the log of run " + run.id()
                        + " of job " + project + "/" + name + " was pruned: the logs of the newest "
                        + keepRunLogs + " runs of each job are kept (its history, `tend job history "
                        + name + "`, keeps more)");
            }
        }
        return new RunLog(run, file);
    }
}
