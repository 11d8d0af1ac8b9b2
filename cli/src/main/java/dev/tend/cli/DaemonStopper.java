package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.RpcError;
import dev.tend.protocol.Methods;
import dev.tend.protocol.TendPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Asks a daemon to shut down and waits until it is gone: pid file removed (services stopped, state flushed), process ended. */
final class DaemonStopper {
    /** Its JVM's exit after the pid file is gone takes a few ms; this bounds a daemon that hangs there. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private DaemonStopper() {
    }

    static void stop(DaemonConnector.Connection c, TendPaths paths) throws InterruptedException {
        try (var client = c.client()) {
            client.call(Methods.DAEMON_SHUTDOWN, Map.of("reason", "tend daemon stop"));
        } catch (IOException | RpcError e) {
            // it may close the connection as it goes; the pid file below tells
        }
        long pid = c.hello().get("pid") instanceof Number n ? n.longValue() : -1;
        // Services may take their stop_timeout to stop: wait as long as the process lives.
        while (Files.exists(paths.pidFile()) && running(pid)) {
            Thread.sleep(20);
        }
        // Then its exit, so that whoever looks for the daemon after `tend daemon stop` does not find it still exiting.
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    /**
     * Whether the process still runs. An ended daemon is nobody's child (its launcher handed it off), so it stays a
     * zombie until init reaps it, which can take a second; ProcessHandle counts a zombie as alive, /proc does not.
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProc) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
