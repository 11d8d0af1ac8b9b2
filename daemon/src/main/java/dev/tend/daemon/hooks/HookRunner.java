package dev.tend.daemon.hooks;

import dev.tend.daemon.core.DaemonThreads;
import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.OutputEcho;
import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.core.process.RunTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one hook to its end on the calling thread: `/bin/sh -c` in a session of its own, marked with a run token so
 * its whole tree is found; its output goes to the daemon's log; after its timeout the tree is killed (SIGKILL), and
 * what it leaves behind when it exits is killed too, as for services and jobs (no orphans).
 */
final class HookRunner {
    private static final Logger log = LoggerFactory.getLogger(HookRunner.class);
    /** A chatty hook must not flood the daemon's log: lines past this many per stream are counted, not logged. */
    static final int MAX_LOGGED_LINES = 20;
    private static final int MAX_LINE_CHARS = 500;

    private final ProcessLauncher launcher;
    private final ProcessControl control;
    private final Map<String, String> baseEnv;
    private final ThreadFactory readers = DaemonThreads.named("tend-hook-output");
    /** The trees of hooks running now, killed by {@link #killAll} when the daemon goes away. */
    private final Set<RunTree> running = ConcurrentHashMap.newKeySet();

    /** @param baseEnv the environment every hook starts from (the daemon's own) */
    HookRunner(ProcessLauncher launcher, ProcessControl control, Map<String, String> baseEnv) {
        this.launcher = launcher;
        this.control = control;
        this.baseEnv = Map.copyOf(baseEnv);
    }

    /** @return how it ended, or null if it did not start or was killed after the timeout */
    ExitStatus run(HookCall call, Duration timeout) throws InterruptedException {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(call.variables());
        String token = RunToken.random();
        ChildProcess child;
        try {
            child = launcher.launch(call.command(), call.cwd(), RunTree.markedEnvironment(env, token));
        } catch (IOException | RuntimeException e) {
            log.warn("hook {} did not start: {}", call.label(), e.getMessage());
            return null;
        }
        RunTree tree = new RunTree(control, child, token);
        running.add(tree);
        try {
            log.info("hook {} started (pid {}): {}", call.label(), child.pid(), call.command());
            readers.newThread(() -> echo(call.label(), "stdout", child.stdout())).start();
            readers.newThread(() -> echo(call.label(), "stderr", child.stderr())).start();
            try {
                ExitStatus status = child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                tree.mainExited();
                tree.killLeftovers();
                log.info("hook {} ended: {}", call.label(), status);
                return status;
            } catch (TimeoutException e) {
                tree.kill();
                log.warn("hook {} still ran after its timeout of {}: killed with its process tree", call.label(),
                        dev.tend.daemon.core.time.Durations.format(timeout)); // "5s", as the settings write it
                return null;
            } catch (ExecutionException e) {
                tree.kill();
                log.warn("hook {}: waiting for it failed: {}", call.label(), e.getCause().toString());
                return null;
            } catch (InterruptedException e) {
                // The daemon is going away (Hooks.close): the hook goes with it, before its tree leaves `running`.
                tree.kill();
                log.warn("hook {} killed with its process tree: the daemon is stopping", call.label());
                throw e;
            }
        } finally {
            running.remove(tree);
        }
    }

    /** SIGKILL to every hook's tree that runs now. */
    void killAll() {
        for (RunTree tree : running) {
            try {
                tree.kill();
            } catch (RuntimeException e) {
                log.debug("could not kill a hook's tree: {}", e.toString());
            }
        }
    }

    private static void echo(String label, String stream, InputStream in) {
        int lines = OutputEcho.read(in, MAX_LOGGED_LINES, MAX_LINE_CHARS,
                line -> log.info("hook {} {}: {}", label, stream, line),
                e -> log.debug("hook {} {}: {}", label, stream, e.toString()));
        if (lines > MAX_LOGGED_LINES) {
            log.info("hook {} {}: {} more lines not logged", label, stream, lines - MAX_LOGGED_LINES);
        }
    }
}
