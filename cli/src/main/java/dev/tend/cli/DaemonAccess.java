package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.protocol.TendPaths;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How a command reaches the daemon of the chosen instance, starting it when needed. */
final class DaemonAccess {
    /** Generous: a cold JVM on a loaded two-core machine with fifty clients starting at once. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private DaemonAccess() {
    }

    static TendPaths paths(TendCommand root) {
        try {
            return TendPaths.resolve(System.getenv(), root.instance);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    static DaemonConnector connector(TendCommand root) {
        TendPaths paths = paths(root);
        String launcher = System.getProperty("tend.launcher");
        List<String> cmd = new ArrayList<>();
        if (launcher != null) {
            cmd.add(launcher);
        } else {
            cmd.add("tend"); // run outside bin/tend (e.g. from an IDE): hope it is on PATH
        }
        cmd.addAll(List.of("--instance", paths.instance(), "daemon", "run", "--detached"));
        return new DaemonConnector(paths, "tend-cli", cmd, START_TIMEOUT);
    }

    static DaemonConnector.Connection connect(TendCommand root) throws DaemonUnavailableException {
        return connector(root).connect();
    }
}
