package dev.tend.daemon.core.run;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts {@link ProcessRun}s, a service's or a job's alike, in the order that keeps a crash safe: the launch is on
 * record with its run token before the fork; a launch that fails before the fork removes its record; one that fails
 * after it kills the child's tree and removes its record, so that nothing lives on unseen.
 */
public final class RunStarter {

    private static final Logger log = LoggerFactory.getLogger(RunStarter.class);

    /** Where a run's output goes. */
    @FunctionalInterface
    public interface Output {
        /** Starts taking both streams; the future completes once both reached their end. */
        CompletableFuture<Void> capture(InputStream stdout, InputStream stderr);
    }

    private final ProcessLauncher launcher;
    private final ProcessControl control;
    private final Timer timer;
    private final ScheduledExecutorService pacer;
    private final Executor worker;
    private final Duration drainTimeout;

    /**
     * @param timer        where stop timeouts run out (virtual in tests)
     * @param pacer        paces the polls of stop sequences
     * @param worker       ends runs and does the stop sequences' work
     * @param drainTimeout how long an ended run waits for its output to drain
     */
    public RunStarter(ProcessLauncher launcher, ProcessControl control, Timer timer, ScheduledExecutorService pacer,
                      Executor worker, Duration drainTimeout) {
        this.launcher = launcher;
        this.control = control;
        this.timer = timer;
        this.pacer = pacer;
        this.worker = worker;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Records the launch, forks `/bin/sh -c command` marked with the record's token, records its pid, starts taking
     * its output.
     *
     * @param label names the run in the daemon's log ("project/name", "project/job#7")
     * @param env   the child's whole environment, without the mark (added here)
     * @throws IOException or a RuntimeException if it could not start; nothing of it is left then, on record or running
     */
    public ProcessRun start(String label, String command, Path cwd, Map<String, String> env, LaunchRecord record,
                            Output output) throws IOException {
        record.put();
        ChildProcess child;
        try {
            child = launcher.launch(command, cwd, RunTree.markedEnvironment(env, record.token()));
        } catch (IOException | RuntimeException e) {
            record.remove();
            throw e;
        }
        RunTree tree = new RunTree(control, child, record.token());
        try {
            record.started(child.pid(), child.startTime());
            CompletableFuture<Void> drained = output.capture(child.stdout(), child.stderr());
            return new ProcessRun(label, child, tree, record, drained, this);
        } catch (RuntimeException e) {
            abandon(label, tree, record, child.pid(), e);
            throw e;
        }
    }

    /**
     * A launch that failed after its fork: the caller takes it for one that never started, so the child must not
     * live on unseen, with no run and its record left for a second copy to join. Its tree dies and its record goes.
     */
    void abandon(String label, RunTree tree, LaunchRecord record, long pid, RuntimeException why) {
        log.warn("launch of {} failed after its fork; killing pid {}: {}", label, pid, why.toString());
        try {
            tree.kill();
        } finally {
            record.remove();
        }
    }

    Timer timer() {
        return timer;
    }

    ScheduledExecutorService pacer() {
        return pacer;
    }

    Executor worker() {
        return worker;
    }

    Duration drainTimeout() {
        return drainTimeout;
    }
}
