package dev.tend.daemon.core.run;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.OutputEcho;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunTree;
import dev.tend.daemon.core.process.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * A service's {@code stop_command} asking its run to stop, in place of the stop signal: `/bin/sh -c command` in the
 * run's directory with the run's environment, mark included, so the command and what it starts belong to the run's
 * tree: the stop sequence waits for them too, its SIGKILL at the timeout reaches them, and a daemon that dies
 * meanwhile leaves them to the next one's reaping. If it cannot start, or exits other than 0 while the run's main
 * process is still there, the stop signal goes out at once. Its output goes to the daemon's log, a bounded number of
 * lines, each cut to a bounded length, the rest read and dropped.
 */
final class StopCommand {

    private static final Logger log = LoggerFactory.getLogger(StopCommand.class);
    static final int MAX_LOGGED_LINES = 50;
    static final int MAX_LINE_CHARS = 500;

    private StopCommand() {
    }

    /**
     * @param env       the run's environment, marked
     * @param mainAlive whether the run's main process is still there (then a failed command falls back to the signal)
     */
    static void ask(String label, String command, Path cwd, Map<String, String> env, Signal fallback, RunTree tree,
                    ProcessLauncher launcher, Executor worker, BooleanSupplier mainAlive) {
        ChildProcess stopper;
        try {
            stopper = launcher.launch(command, cwd, env);
        } catch (IOException | RuntimeException e) {
            log.warn("stop_command of {} could not start ({}): sending {}", label, e.getMessage(), fallback.fullName());
            tree.signal(fallback);
            return;
        }
        worker.execute(() -> logLines(label, stopper.stdout()));
        worker.execute(() -> logLines(label, stopper.stderr()));
        stopper.onExit().thenAccept(status -> {
            if (!status.success() && mainAlive.getAsBoolean()) {
                log.warn("stop_command of {} {}: sending {}", label, status, fallback.fullName());
                tree.signal(fallback);
            }
        });
    }

    private static void logLines(String label, InputStream in) {
        int lines = OutputEcho.read(in, MAX_LOGGED_LINES, MAX_LINE_CHARS,
                line -> log.info("stop_command of {}: {}", label, line),
                e -> { }); // the stream closed under us: its process was killed with the tree
        if (lines > MAX_LOGGED_LINES) {
            log.info("stop_command of {}: {} more lines not logged", label, lines - MAX_LOGGED_LINES);
        }
    }
}
