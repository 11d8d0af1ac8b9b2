package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.protocol.TendPaths;

import java.time.Duration;

/** How a command reaches the daemon of the chosen instance, starting it when needed. */
final class DaemonAccess {
    /** Generous: a cold JVM on a loaded two-core machine with fifty clients starting at once. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** A few seconds: a busy daemon is probed past it, not given up on (docs/daemon.md). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

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
        return DaemonConnector.throughLauncher(paths, "tend-cli", START_TIMEOUT)
                .withAnswerTimeout(answerTimeout(root.daemonTimeout, System.getenv("TEND_DAEMON_TIMEOUT")))
                .withProgress(line -> {
                    if (!root.quiet) { // on stderr, as the hello's notices: stdout stays the command's answer
                        System.err.println("tend: " + line);
                        System.err.flush();
                    }
                });
    }

    /**
     * The wait for each answer: the option, else the environment variable, else {@link #ANSWER_TIMEOUT}; 0 (or less
     * than a millisecond) is no limit (null).
     */
    static Duration answerTimeout(String option, String env) {
        String given = option != null ? option : env != null && !env.isBlank() ? env : null;
        if (given == null) {
            return ANSWER_TIMEOUT;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(given.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new CliException(ExitCode.USAGE, (option != null ? "--daemon-timeout" : "TEND_DAEMON_TIMEOUT")
                    + " must be a number of seconds (0: no limit), not '" + given + "'");
        }
        long millis = Math.round(seconds * 1000);
        return millis == 0 ? null : Duration.ofMillis(millis);
    }

    static DaemonConnector.Connection connect(TendCommand root) throws DaemonUnavailableException {
        return connector(root).connect();
    }
}
