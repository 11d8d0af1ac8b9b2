package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.DaemonThreads;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.SerialState;
import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.SupervisorException;
import dev.tend.daemon.core.jobs.JobRun.Trigger;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.run.ProcessRun;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the jobs of registered projects and the ad-hoc jobs on their schedules, each run a child process in
 * its own session with its output in a log file of its own, and records every run.
 *
 * <p>Time comes from the injected {@link Clock}; the {@link JobTimer} only says when to look again.
 * {@link #runDue()} does all the scheduling work for "now": starts what is due (by each job's overlap
 * policy), kills runs past their timeout, and asks the timer for the next wake-up. Tests move a fake clock
 * and call it themselves.
 *
 * <p>Thread-safety: state sits under one lock held only for bookkeeping (a {@link SerialState}); launching,
 * killing, waiting and store writes happen outside it. Listeners hear of changes in order on one event thread.
 */
public final class JobScheduler {

    /** The project of jobs added with {@link #add}. */
    public static final String ADHOC = "adhoc";
    /** Live children of job runs are recorded under this prefix (so a new daemon reaps them as orphans). */
    public static final String LIVE_CHILD_PREFIX = "job:";

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final JobsConfig config;
    private final Clock clock;
    private final JobTimer timer;
    private final RunLauncher launcher;
    private final RunHistory history;
    private final AdhocJobs adhoc;
    private final SavedSchedules saved;

    private final JobTable table = new JobTable();
    private boolean armed;
    private boolean shuttingDown;
    private CompletableFuture<Void> shutdownFuture;

    /** The lock, after-unlock actions and ordered dispatch; job events carry no seq (the bus numbers them). */
    private final SerialState<JobListener, Void> serial = new SerialState<>("tend-job-events");
    private final ExecutorService worker = DaemonThreads.elastic("tend-job-worker", Integer.MAX_VALUE, DaemonThreads.IDLE_WORKER_KEEP_ALIVE);

    /**
     * @param liveChildren where the pids of running jobs are recorded, so that a daemon that starts after a
     *                     crash reaps them as it reaps services' children
     */
    public JobScheduler(JobsConfig config, ProcessLauncher launcher, ProcessControl control, JobStore store,
                        StateStore liveChildren, Clock clock, JobTimer timer) {
        this(config, launcher, control, store, liveChildren, clock, timer, null);
    }

    /**
     * @param stopTimer where a run's stop grace (at shutdown) runs out; null: the scheduler's own (tests pass a
     *                  virtual one)
     */
    public JobScheduler(JobsConfig config, ProcessLauncher launcher, ProcessControl control, JobStore store,
                        StateStore liveChildren, Clock clock, JobTimer timer, Timer stopTimer) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        RunLogs runLogs = new RunLogs(config.logsDir());
        this.history = new RunHistory(store, runLogs, config.keepRunLogs(), clock);
        this.launcher = new RunLauncher(config, Objects.requireNonNull(launcher, "launcher"),
                Objects.requireNonNull(control, "control"), Objects.requireNonNull(liveChildren, "liveChildren"),
                runLogs, history, clock, stopTimer, worker);
        this.adhoc = new AdhocJobs(store);
        this.saved = new SavedSchedules(store);
    }

    public void addListener(JobListener listener) {
        serial.addListener(listener);
    }

    public void removeListener(JobListener listener) {
        serial.removeListener(listener);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Checks every job's schedule (and timezone) the way {@link #register} will read it.
     *
     * @throws IllegalArgumentException naming the job and what is wrong with it
     */
    public void validate(Collection<JobSpec> jobs) {
        JobTable.parse(jobs);
    }

    /**
     * Sets the project's jobs to exactly these: new ones are scheduled, removed ones forgotten (a run under
     * way ends on its own), changed ones take their new settings (a changed schedule or timezone restarts
     * the schedule from now). A new job whose recorded anchor shows it came due while the daemon was down
     * runs once at the next {@link #runDue()} if it has catch_up. Starts nothing by itself.
     *
     * @param baseEnv the environment of the client that registered the project
     * @return the jobs added, changed (any setting or the environment) and removed
     * @throws IllegalArgumentException for a bad schedule or the reserved project "adhoc"; nothing changes then
     */
    public JobChanges register(String project, Map<String, String> baseEnv, Collection<JobSpec> jobs) {
        AdhocJobs.checkNotReserved(Objects.requireNonNull(project, "project"));
        return apply(project, Objects.requireNonNull(baseEnv, "baseEnv"), jobs);
    }

    /** Forgets every job of the project (their history stays). */
    public void unregister(String project) {
        apply(project, Map.of(), List.of());
    }

    /**
     * Adds an ad-hoc job (project "adhoc"), kept in the store so that it comes back with the next daemon.
     *
     * @param job its env is the complete base environment of its runs
     * @throws SupervisorException CONFLICT if an ad-hoc job of that name exists
     * @throws IllegalArgumentException for a bad schedule
     */
    public JobSnapshot add(JobSpec job) {
        Objects.requireNonNull(job, "job");
        JobTable.parse(List.of(job));
        checkNotShuttingDown();
        boolean exists = serial.locked(tx -> table.find(ADHOC, job.name()) != null);
        apply(ADHOC, Map.of(), adhoc.add(job, exists));
        return snapshot(ADHOC, job.name());
    }

    /** Removes an ad-hoc job; a run under way ends on its own. */
    public void remove(String name) {
        boolean exists = serial.locked(tx -> table.find(ADHOC, name) != null);
        apply(ADHOC, Map.of(), adhoc.remove(name, exists));
    }

    /** Schedules the ad-hoc jobs recorded in the store. */
    public void restoreAdhoc() {
        apply(ADHOC, Map.of(), adhoc.restorable());
    }

    /** Records the runs a crashed daemon left as running as interrupted (their processes were reaped). */
    public int recoverInterruptedRuns() {
        return history.recoverInterrupted();
    }

    /** Records the runs a crashed daemon left queued as skipped (they never started). */
    public int recoverQueuedRuns() {
        return history.recoverQueued();
    }

    /** From now on the timer wakes the scheduler; runs what is due right away. */
    public void start() {
        serial.locked(tx -> {
            armed = true;
            return null;
        });
        runDue();
    }

    private JobChanges apply(String project, Map<String, String> baseEnv, Collection<JobSpec> specs) {
        Map<String, JobSchedule> parsed = JobTable.parse(specs);
        Set<String> known = serial.locked(tx -> table.names(project));
        Map<String, Job.Saved> kept = saved.read(project, specs, known);
        Instant now = now();
        return serial.locked(tx -> {
            JobTable.Replacement r = table.replace(project, baseEnv, specs, parsed, kept, now);
            r.newAnchors().forEach(job -> saved.anchor(job, now, tx));
            r.told().forEach(this::emit);
            r.removed().forEach(job -> forgotten(job, tx));
            rearm(tx);
            return r.changes();
        });
    }

    /** A job the table forgot: its queued run is dropped, its saved state goes, listeners hear of it. */
    private void forgotten(Job job, Tx<Void> tx) {
        ActiveRun q = job.takeQueued();
        if (q != null) {
            tx.after(() -> dropQueued(q, "the job was removed before its queued run started",
                    new SupervisorException(SupervisorException.Kind.NOT_FOUND,
                            "job " + job.ref() + " was removed before its queued run started")));
        }
        String project = job.project;
        String name = job.spec.name();
        tx.after(() -> saved.forget(project, name));
        serial.dispatch(l -> l.jobRemoved(project, name));
    }

    // ---------------------------------------------------------------- pause and resume

    /**
     * Stops the job's schedule until {@link #resume}, across daemon restarts: no scheduled or catch-up run
     * starts. A run under way (or queued) goes on; `tend job run` still runs it. Pausing a paused job is a no-op.
     *
     * @throws SupervisorException NOT_FOUND for an unknown job
     */
    public JobSnapshot pause(String project, String name) {
        Instant now = now();
        savePause(project, name, now);
        JobSnapshot paused = serial.locked(tx -> {
            Job job = table.find(project, name);
            if (job == null) {
                return null;
            }
            if (!job.paused) {
                job.pause();
                emit(job);
                rearm(tx);
            }
            return job.snapshot();
        });
        if (paused == null) {
            saved.forget(project, name); // removed meanwhile: its saved state goes with it, as forget() does
            return snapshot(project, name); // NOT_FOUND, or the job of that name added since
        }
        return paused;
    }

    /** @throws SupervisorException NOT_FOUND for an unknown job, FAILED if its pause cannot be saved */
    private void savePause(String project, String name, Instant since) {
        serial.locked(tx -> table.require(project, name));
        saved.savePause(project, name, since);
    }

    /**
     * Puts the job back on its schedule from now on: the times that passed while it was paused are not run,
     * nor caught up later (an interval keeps its phase). Resuming a job that runs is a no-op.
     *
     * @throws SupervisorException NOT_FOUND for an unknown job
     */
    public JobSnapshot resume(String project, String name) {
        Instant now = now();
        savePause(project, name, null);
        return serial.locked(tx -> {
            Job job = table.require(project, name);
            if (job.paused) {
                Instant passed = job.resume(now);
                if (passed != null) {
                    saved.anchor(job, passed, tx);
                }
                emit(job);
                rearm(tx);
            }
            return job.snapshot();
        });
    }

    // ---------------------------------------------------------------- the clock's work

    /**
     * Does what is due at the clock's now: starts the runs whose schedule (or catch-up) came due, each by
     * its job's overlap policy; kills the process trees of runs past their timeout; then asks the timer to
     * wake it at the next due time or deadline. A schedule that came due several times since the last call
     * (the machine slept) runs once, for the newest of those times.
     *
     * @return the runs it started, each completing when that run has ended
     */
    public List<CompletableFuture<JobRun>> runDue() {
        Instant now = clock.instant();
        List<ActiveRun> toStart = new ArrayList<>();
        List<ActiveRun> toKill = new ArrayList<>();
        serial.locked(tx -> {
            if (shuttingDown) {
                return null;
            }
            for (Job job : table.all()) {
                Instant owed = job.takeCatchUp();
                if (owed != null) {
                    saved.anchor(job, owed, tx);
                    fire(job, Trigger.CATCH_UP, owed, toStart, tx);
                }
                Instant due = job.takeDue(now);
                if (due != null) {
                    saved.anchor(job, due, tx);
                    fire(job, Trigger.SCHEDULE, due, toStart, tx);
                }
                job.timeOut(now, toKill);
            }
            rearm(tx);
            return null;
        });
        for (ActiveRun ar : toKill) {
            log.info("job {} run {} timed out after {}: killing its process tree", ar.job.ref(), ar.run.id(),
                    ar.job.spec.timeout());
            ar.process.kill();
        }
        List<CompletableFuture<JobRun>> started = new ArrayList<>();
        for (ActiveRun ar : toStart) {
            launch(ar);
            started.add(ar.finished);
        }
        return started;
    }

    /** Applies the overlap policy to a due run; under the lock. */
    private void fire(Job job, Trigger trigger, Instant due, List<ActiveRun> toStart, Tx<Void> tx) {
        ActiveRun ar = new ActiveRun(job, trigger, due);
        OverlapPolicy policy = OverlapPolicy.admit(job, ar);
        if (policy == OverlapPolicy.START) {
            toStart.add(ar);
        } else if (policy == OverlapPolicy.QUEUE) {
            recordQueued(ar, tx);
        } else {
            String why = OverlapPolicy.skipReason(job);
            Instant at = now();
            tx.after(() -> {
                log.info("job {}: {} run for {} skipped: {}", job.ref(), trigger.wireName(), due, why);
                history.skipped(job.project, job.spec.name(), trigger, due, at, why, null);
            });
            return;
        }
        emit(job);
    }

    /**
     * A queued run goes on record once the lock is released, so a daemon killed before it starts leaves its due
     * time to the next one (recorded skipped); its start or drop waits for that record and replaces it.
     */
    private void recordQueued(ActiveRun ar, Tx<Void> tx) {
        tx.after(() -> {
            try {
                history.queued(ar.queueToken(), ar.job.project, ar.job.spec.name(), ar.trigger, ar.scheduledFor);
            } finally {
                ar.queueRecorded();
            }
        });
    }

    /** Asks the timer for the next due time or deadline; under the lock. */
    private void rearm(Tx<Void> tx) {
        if (!armed || shuttingDown) {
            return;
        }
        Instant now = clock.instant();
        Instant wake = null;
        for (Job job : table.all()) {
            wake = Job.earliest(wake, job.wakeAt(now));
        }
        Instant when = wake != null ? wake : now.plus(Duration.ofDays(1));
        tx.after(() -> timer.wakeAt(when, this::wake));
    }

    /** The timer's task: a failure must not end the schedule, so it is logged and tried again soon. */
    private void wake() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.error("job scheduling failed, trying again in {}: {}", RETRY, e.toString(), e);
            timer.wakeAt(clock.instant().plus(RETRY), this::wake);
        }
    }

    // ---------------------------------------------------------------- manual runs

    /**
     * Runs the job now, by its overlap policy: with skip while a run is under way it is refused, with queue
     * it waits for that run (joining a run already queued), with allow it starts at once.
     *
     * @throws SupervisorException NOT_FOUND for an unknown job, CONFLICT if overlap: skip refuses it
     */
    public RunRequest run(String project, String name) {
        ActiveRun[] startNow = new ActiveRun[1];
        RunRequest request = serial.locked(tx -> {
            if (shuttingDown) { // under the lock: a run admitted after shutdown() looked would never start or fail
                throw shuttingDownError();
            }
            Job job = table.require(project, name);
            ActiveRun ar = new ActiveRun(job, Trigger.MANUAL, null);
            OverlapPolicy policy = OverlapPolicy.admit(job, ar);
            if (policy == OverlapPolicy.BUSY) {
                throw OverlapPolicy.refusal(job);
            }
            if (policy == OverlapPolicy.QUEUE) {
                recordQueued(ar, tx);
            }
            if (policy != OverlapPolicy.ALREADY_QUEUED) {
                emit(job);
            }
            startNow[0] = policy == OverlapPolicy.START ? ar : null;
            ActiveRun answered = policy == OverlapPolicy.START ? ar : job.queued; // queued, or joining the queued one
            return new RunRequest(policy != OverlapPolicy.START, answered.started, answered.finished);
        });
        if (startNow[0] != null) {
            launch(startNow[0]);
        }
        return request;
    }

    // ---------------------------------------------------------------- launching and ending runs

    /** Starts the run's process; never under the lock. */
    private void launch(ActiveRun ar) {
        Job job = ar.job;
        Plan plan = serial.locked(tx -> new Plan(job.spec, job.baseEnv));
        ar.awaitQueueRecord();
        RunLauncher.Start start = launcher.start(job.project, plan.spec, plan.baseEnv, ar.trigger, ar.scheduledFor,
                ar.queueToken());
        ProcessRun process = start.process();
        if (process == null) {
            ended(ar, start.run());
            return;
        }
        JobRun startedRun = start.run();
        boolean stopNow = serial.locked(tx -> {
            boolean interrupted = ar.launched(startedRun, process, start.at());
            if (!interrupted) {
                rearm(tx); // for its deadline; listeners heard it run when it was admitted (fire, run, ended)
            }
            tx.after(() -> ar.started.complete(startedRun));
            return interrupted;
        });
        if (stopNow) {
            stop(process);
        }
        process.end().thenAccept(end -> finish(ar, end.status()));
    }

    private record Plan(JobSpec spec, Map<String, String> baseEnv) {
    }

    /** The services' stop sequence: SIGTERM, the grace, then SIGKILL to what is left of the tree. */
    private void stop(ProcessRun process) {
        process.stop(Signal.TERM, config.stopGrace());
    }

    /** The run's process ended (see {@link ProcessRun#end}): records how, then forgets its live child. */
    private void finish(ActiveRun ar, ExitStatus status) {
        boolean[] flags = serial.locked(tx -> new boolean[] {ar.timedOut, ar.interrupted});
        JobRun end = history.exited(ar.run, status, flags[0], flags[1], ar.job.spec.timeout());
        ar.process.forget();
        // Before the end is told: whoever saw the run end finds the logs already down to the newest ones.
        history.pruneLogs(ar.job.project, ar.job.spec.name());
        ended(ar, end);
    }

    /** Records the end, updates the job, starts a queued run; never under the lock. */
    private void ended(ActiveRun ar, JobRun run) {
        JobRun finalRun = history.end(run);
        ActiveRun next = serial.locked(tx -> {
            ActiveRun q = ar.job.ended(ar, finalRun, shuttingDown);
            emit(ar.job);
            tx.after(() -> {
                ar.started.complete(finalRun);
                ar.finished.complete(finalRun);
            });
            return q;
        });
        if (next != null) {
            try {
                worker.execute(() -> launch(next));
            } catch (RejectedExecutionException e) {
                next.fail(shuttingDownError());
            }
        }
    }

    /** A queued run that will never start: its due time gets a history row saying why (never under the lock). */
    private void dropQueued(ActiveRun q, String reason, RuntimeException why) {
        q.awaitQueueRecord();
        history.skipped(q.job.project, q.job.spec.name(), q.trigger, q.scheduledFor, now(), reason, q.queueToken());
        q.fail(why);
    }

    // ---------------------------------------------------------------- views

    /** The jobs of one project, or of all if null, in registration order. */
    public List<JobSnapshot> list(String projectOrNull) {
        return serial.locked(tx -> table.snapshots(projectOrNull));
    }

    /** @throws SupervisorException NOT_FOUND */
    public JobSnapshot snapshot(String project, String name) {
        return serial.locked(tx -> table.require(project, name).snapshot());
    }

    /** Newest last, at most limit runs, skipped ones included. */
    public List<JobRun> history(String project, String name, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("history limit must be positive, got " + limit);
        }
        serial.locked(tx -> table.require(project, name));
        return history.runs(project, name, limit);
    }

    /**
     * The log file of a run of the job: the given one, or (runId null) the newest run that started.
     *
     * @throws SupervisorException NOT_FOUND if the job or the run is unknown, the run never started, or its
     *                             log is gone (history outlives logs: only the newest runs' logs are kept)
     */
    public RunLog runLog(String project, String name, Long runId) {
        serial.locked(tx -> table.require(project, name));
        return history.runLog(project, name, runId);
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Stops the schedule, then each running run (SIGTERM to its group, the grace, SIGKILL to its tree),
     * recorded as interrupted; queued runs are recorded as skipped (they never start). Idempotent.
     */
    public CompletableFuture<Void> shutdown() {
        List<ActiveRun> toStop = new ArrayList<>();
        List<ActiveRun> running = serial.locked(tx -> {
            if (shutdownFuture != null) {
                return null;
            }
            shuttingDown = true;
            shutdownFuture = new CompletableFuture<>();
            List<ActiveRun> list = new ArrayList<>();
            for (Job job : table.all()) {
                ActiveRun q = job.interrupt(list, toStop);
                if (q != null) {
                    tx.after(() -> dropQueued(q, "the daemon stopped while it was queued", shuttingDownError()));
                }
            }
            return list;
        });
        if (running == null) {
            return shutdownFuture;
        }
        timer.close();
        toStop.forEach(ar -> stop(ar.process));
        CompletableFuture<?>[] ends = running.stream().map(ar -> ar.finished).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(ends).handle((v, e) -> null).thenRun(() -> {
            history.saveUnsavedEnds(); // a last try: what is still unsaved, the next daemon reads as interrupted
            launcher.close();
            worker.shutdown();
            serial.close(() -> shutdownFuture.complete(null));
        });
        return shutdownFuture;
    }

    // ---------------------------------------------------------------- helpers

    /** Times of runs (see {@link RunHistory#now}). */
    private Instant now() {
        return history.now();
    }

    private void checkNotShuttingDown() {
        serial.underLock(() -> {
            if (shuttingDown) {
                throw shuttingDownError();
            }
            return null;
        });
    }

    private static SupervisorException shuttingDownError() {
        return new SupervisorException(SupervisorException.Kind.SHUTTING_DOWN, "the daemon is shutting down");
    }

    private void emit(Job job) {
        if (job.removed) {
            return;
        }
        JobSnapshot snap = job.snapshot();
        serial.dispatch(l -> l.jobChanged(snap));
    }
}
