package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Starts real children for a test and kills everything they left behind afterwards: only processes that carry
 * this instance's marker ({@link OwnProcesses}), never a pid the code under test named.
 */
final class Processes {

    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final long DEADLINE_MILLIS = 30_000;

    final PosixProcessLauncher launcher;
    final PosixProcessControl control = new PosixProcessControl();
    private final List<ChildProcess> children = new ArrayList<>();
    private final Set<Long> pids = new HashSet<>();
    private final OwnProcesses own = new OwnProcesses();

    Processes() {
        this(new PosixProcessLauncher());
    }

    Processes(PosixProcessLauncher launcher) {
        this.launcher = launcher;
    }

    ChildProcess launch(String command, Path cwd) throws Exception {
        return launch(command, cwd, Map.of());
    }

    /** Launches with {@link #ENV}, the extra variables and the marker that clean-up finds it by. */
    ChildProcess launch(String command, Path cwd, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.putAll(extraEnv);
        env.putAll(own.marker());
        ChildProcess child = launcher.launch(command, cwd, env);
        children.add(child);
        return child;
    }

    /** A pid the test learned of (a grandchild), killed at the end if still there. */
    long track(long pid) {
        pids.add(pid);
        return pid;
    }

    /** Whether the pid is gone: no such process, or a zombie nobody reaps (pid 1 of a container may not). */
    static boolean gone(long pid) {
        return ProcStat.read(pid).map(ProcStat::exited).orElse(true);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    static ExitStatus exitOf(ChildProcess child) throws Exception {
        return child.onExit().get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every pid is one this test started, before a test hands pids that the code under test found (a
     * tree) to a real kill: a wrong tree fails the test here instead of killing a stranger.
     */
    void awaitAllOurs(String what, Set<Long> pids) throws InterruptedException {
        await(what + " holds only processes this test started: " + pids,
                () -> pids.stream().allMatch(own::carries));
    }

    /**
     * Kills every marked process until each child has exited. One sweep is not enough: a process between two
     * programs (sh exec'ing sleep) shows no environment for a moment, so a sweep can miss it; the next one finds
     * it. The child's own pid is not signalled directly, since it comes from the code under test.
     */
    void killAll() throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        for (ChildProcess child : children) {
            while (!child.onExit().isDone()) {
                own.killAll();
                try {
                    child.onExit().get(100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (System.currentTimeMillis() > deadline) {
                        fail("child " + child.pid() + " outlived SIGKILL of every marked process");
                    }
                }
            }
        }
        own.killAll();
        for (long pid : pids) {
            await("leftover pid " + pid + " is gone", () -> !own.carries(pid));
        }
    }
}
