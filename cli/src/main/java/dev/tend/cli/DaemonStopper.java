package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.RpcError;
import dev.tend.protocol.Methods;
import dev.tend.protocol.TendPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** Asks a daemon to shut down and waits until it is gone: pid file removed (services stopped, state flushed), process ended. */
final class DaemonStopper {
    private DaemonStopper() {
    }

    /** Stops the daemon if one answers (daemon stop and restart begin so): its hello, or null when none answered. */
    static Map<String, Object> stopIfRunning(DaemonConnector connector, TendPaths paths)
            throws DaemonUnavailableException, InterruptedException {
        connector.awaitStartUnderWay(); // a start under way ends first: its daemon is the one to stop
        DaemonConnector.Connection c = connector.connectIfRunning();
        if (c != null) {
            stop(c, paths);
        }
        return c == null ? null : c.hello();
    }

    static void stop(DaemonConnector.Connection c, TendPaths paths) throws InterruptedException {
        try (var client = c.client()) {
            client.call(Methods.DAEMON_SHUTDOWN, Map.of("reason", "tend daemon stop"));
        } catch (IOException | RpcError e) {
            // it may close the connection as it goes; the pid file below tells
        }
        awaitGone(c.hello().get("pid") instanceof Number n ? n.longValue() : -1, paths);
    }

    /** SIGTERM (the daemon's graceful shutdown, as `daemon stop` asks for it) to a daemon that cannot be reached. */
    static void stopBySignal(long pid, TendPaths paths) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        awaitGone(pid, paths);
    }

    private static void awaitGone(long pid, TendPaths paths) throws InterruptedException {
        // Services may take their stop_timeout to stop: wait as long as the process lives.
        while (Files.exists(paths.pidFile()) && DaemonConnector.running(pid)) {
            Thread.sleep(20);
        }
        DaemonConnector.awaitExit(pid);
    }
}
