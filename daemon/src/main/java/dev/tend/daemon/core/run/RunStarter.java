package dev.tend.daemon.core.run;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.ProcessLimit;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.time.Timer;

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
 *
 * @param timer        where stop timeouts run out (virtual in tests)
 * @param pacer        paces the polls of stop sequences
 * @param worker       ends runs and does the stop sequences' work
 * @param drainTimeout how long an ended run waits for its output to drain
 */
public record RunStarter(ProcessLauncher launcher, ProcessControl control, Timer timer, ScheduledExecutorService pacer,
                         Executor worker, Duration drainTimeout) {

    /** Where a run's output goes. */
    @FunctionalInterface
    public interface Output {
        /** Starts taking both streams; the future completes once both reached their end. */
        CompletableFuture<Void> capture(InputStream stdout, InputStream stderr);
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
        Map<String, String> marked = RunTree.markedEnvironment(env, record.token());
        try {
            child = launcher.launch(command, cwd, marked);
        } catch (IOException | RuntimeException e) {
            record.remove();
            throw e;
        } catch (OutOfMemoryError e) {
            IOException words = ProcessLimit.threadFailure(e, "start " + label);
            // The JDK starts its thread that waits for the child after the fork: the child may run, unknown to us
            // but by its mark
            control.kill(control.marked(record.token()));
            record.remove();
            throw words;
        }
        ProcessRun run = new ProcessRun(label, child, record, this, cwd, marked);
        try {
            record.started(child.pid(), child.startTime());
            run.capture(output);
            return run;
        } catch (RuntimeException e) {
            run.abandon(e);
            throw e;
        } catch (OutOfMemoryError e) {
            IOException words = ProcessLimit.threadFailure(e, "start a thread for the output of " + label);
            run.abandon(new IllegalStateException(words.getMessage(), e)); // its child is killed: nobody reads it
            throw words;
        }
    }
}
