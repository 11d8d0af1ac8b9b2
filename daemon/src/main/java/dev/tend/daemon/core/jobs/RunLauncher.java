package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.DaemonThreads;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.logs.LogCapture;
import dev.tend.daemon.core.logs.LogFile;
import dev.tend.daemon.core.logs.LogStream;
import dev.tend.daemon.core.StoredLaunch;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.run.ProcessRun;
import dev.tend.daemon.core.run.RunStarter;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts the process of a job run: in its own session, in the job's directory, with the run's environment and
 * mark, its output captured to the run's log file, and recorded as a live child before the fork.
 */
final class RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    /**
     * A run's start.
     *
     * @param run     the run as started; or, if it could not start, as ended (failed, saying why)
     * @param process its process; null if it could not start
     * @param at      when it started
     */
    record Start(JobRun run, ProcessRun process, Instant at) {
    }

    /** Why a run's process could not start, in words for its history row ("could not start: ..."). */
    private static final class CouldNotStart extends Exception {
        CouldNotStart(String why) {
            super(why);
        }
    }

    private final JobsConfig config;
    private final StateStore liveChildren;
    private final RunLogs runLogs;
    private final RunHistory history;
    private final Clock clock;
    /** Paces the stop sequences' polls (see {@link RunTree#stop}); idle unless a run is being stopped. */
    private final ScheduledExecutorService stopPacer;
    private final RunStarter starter;

    /** @param stopTimer where a run's stop grace runs out; null: on the launcher's own pacer */
    RunLauncher(JobsConfig config, ProcessLauncher launcher, ProcessControl control, StateStore liveChildren,
                RunLogs runLogs, RunHistory history, Clock clock, Timer stopTimer, Executor worker) {
        this.config = config;
        this.liveChildren = liveChildren;
        this.runLogs = runLogs;
        this.history = history;
        this.clock = clock;
        this.stopPacer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tend-job-stop"));
        // Unless given a timer, a run's stop grace (at daemon shutdown) runs out on the pacer: no schedule waits on it.
        this.starter = new RunStarter(launcher, control, stopTimer != null ? stopTimer : Timer.on(stopPacer), stopPacer,
                worker, config.drainTimeout());
    }

    /**
     * Opens the run's history row, launches its process and records its start.
     *
     * @param baseEnv      the environment of the client that registered the job's project
     * @param scheduledFor the schedule time it runs for; null for a manual run
     * @param dequeued     the token of the queued run it is (its queued record goes as its row is made), or null
     */
    Start start(String project, JobSpec spec, Map<String, String> baseEnv, JobRun.Trigger trigger,
                Instant scheduledFor, String dequeued) {
        JobRun opened = history.open(project, spec.name(), trigger, scheduledFor, dequeued);
        if (opened.outcome() != JobRun.Outcome.RUNNING) {
            return new Start(opened, null, null);
        }
        ProcessRun process;
        try {
            process = launch(project, spec, baseEnv, opened.id());
        } catch (CouldNotStart e) {
            return new Start(opened.ended(history.now(), null, null, JobRun.Outcome.FAILED, e.getMessage()), null, null);
        }
        Instant at = history.now();
        return new Start(history.started(opened, at, process.pid()), process, at);
    }

    /**
     * @throws CouldNotStart with the reason, also written to the run's log file; nothing is left on record then
     */
    private ProcessRun launch(String project, JobSpec spec, Map<String, String> baseEnv, long runId) throws CouldNotStart {
        String name = spec.name();
        String label = project + "/" + name + "#" + runId;
        LogFile logFile = null;
        try {
            logFile = LogFile.open(runLogs.file(project, name, runId), config.logPolicy(), clock);
            Path cwd = spec.cwd() != null ? spec.cwd() : Path.of(System.getProperty("user.home"));
            // Marked and recorded like a service's run: descendants that leave its session are still found and
            // killed, and a daemon killed meanwhile leaves no unknown tree.
            LiveChild launching = LiveChild.launching(project, JobScheduler.LIVE_CHILD_PREFIX + name, RunToken.random(),
                    null, null);
            LogFile file = logFile;
            return starter.start(label, spec.command(), cwd, environment(project, spec, baseEnv, runId),
                    new StoredLaunch(liveChildren, launching, "job"), (out, err) -> capture(label, out, err, file));
        } catch (IOException | RuntimeException e) {
            String why = "could not start: " + (e.getMessage() != null ? e.getMessage() : e.toString());
            log.warn("job {} run {} {}", project + "/" + name, runId, why);
            if (logFile != null) {
                try {
                    logFile.append(LogStream.ERR, "tend: " + why);
                    logFile.close();
                } catch (IOException ignored) {
                    // the history row says the same
                }
            }
            throw new CouldNotStart(why);
        }
    }

    /** Both streams to the run's log file, closed once both ended (before the run's end is told). */
    private static CompletableFuture<Void> capture(String label, InputStream out, InputStream err, LogFile file) {
        return CompletableFuture.allOf(LogCapture.start(label, LogStream.OUT, out, file, null),
                LogCapture.start(label, LogStream.ERR, err, file, null)).whenComplete((v, e) -> {
                    try {
                        file.close();
                    } catch (IOException ignored) {
                        // its lines are written
                    }
                });
    }

    /** Stops pacing stop sequences (the daemon is done with its runs). */
    void close() {
        stopPacer.shutdownNow();
    }

    private Map<String, String> environment(String project, JobSpec spec, Map<String, String> baseEnv, long runId) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(spec.env());
        env.put("TEND_PROJECT", project);
        env.put("TEND_JOB", spec.name());
        env.put("TEND_RUN_ID", Long.toString(runId));
        env.put("TEND_INSTANCE", config.instance());
        return env;
    }
}
