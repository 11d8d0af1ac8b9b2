package dev.tend.tui.net;

import dev.tend.client.DaemonConnector;
import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.TendPaths;

import java.time.Duration;

/** How the TUI reaches the daemon of its instance: like every peer, starting it through the launcher if needed. */
public final class Daemon {
    /** Generous: a cold JVM on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private Daemon() {
    }

    /**
     * As the CLI's default: an answer overdue this long, with none to a second connection either, fails the call
     * with why (a stopped daemon, `kill -CONT` resumes it) rather than leave an action pending for ever.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    public static DaemonConnector connector(TendPaths paths) {
        return DaemonConnector.throughLauncher(paths, "tend-tui", START_TIMEOUT).withAnswerTimeout(ANSWER_TIMEOUT);
    }

    static boolean methodNotFound(RpcError e) {
        return e.errorCode() == ErrorCode.METHOD_NOT_FOUND;
    }

    /** The first line of a possibly long message (the connector appends the daemon log's tail). */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
