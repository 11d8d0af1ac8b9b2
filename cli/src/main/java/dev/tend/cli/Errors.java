package dev.tend.cli;

import dev.tend.client.DaemonNotAnsweringException;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;

import java.io.IOException;
import java.util.Map;

/** Maps every failure a command can meet to its message and exit code: the one place that decides. */
final class Errors {
    private Errors() {
    }

    static CliException map(Throwable t) {
        if (t instanceof CliException c) {
            return c;
        }
        if (t instanceof OutputWatch.OutputClosedException) {
            return outputFailed();
        }
        if (t instanceof DaemonUnavailableException d) {
            return new CliException(ExitCode.DAEMON_UNAVAILABLE, d.getMessage());
        }
        if (t instanceof RpcError e) {
            return fromRpc(e);
        }
        if (t instanceof DaemonNotAnsweringException e) {
            return new CliException(ExitCode.DAEMON_UNAVAILABLE, e.getMessage());
        }
        if (t instanceof IOException e) {
            return new CliException(ExitCode.DAEMON_UNAVAILABLE, "lost the connection to the tend daemon: " + e.getMessage()
                    + " (see `tend daemon logs`)");
        }
        if (t instanceof InterruptedException) {
            return new CliException(ExitCode.INTERRUPTED, "interrupted");
        }
        return new CliException(ExitCode.FAILED, "unexpected error: " + t);
    }

    /**
     * The output could not be written: nobody reads it any more (`| head`: quietly, exit 141, as a program killed by
     * SIGPIPE), or it failed otherwise (a full disk, a closed descriptor): said, exit 1.
     */
    static CliException outputFailed() {
        if (OutputWatch.readerGone()) {
            return new CliException(ExitCode.OUTPUT_CLOSED, null); // nothing to say: nobody would read it
        }
        return new CliException(ExitCode.FAILED, "could not write the output (a full disk, or a closed stdout?)");
    }

    private static CliException fromRpc(RpcError e) {
        ErrorCode code = e.errorCode();
        if (code == null) {
            return new CliException(ExitCode.FAILED, e.getMessage());
        }
        return switch (code) {
            case NOT_FOUND -> new CliException(ExitCode.NOT_FOUND, e.getMessage());
            case INVALID_PARAMS -> new CliException(ExitCode.USAGE, e.getMessage());
            case INVALID_CONFIG -> new CliException(ExitCode.FAILED, configMessage(e));
            case SHUTTING_DOWN, VERSION_MISMATCH -> new CliException(ExitCode.DAEMON_UNAVAILABLE, e.getMessage());
            case METHOD_NOT_FOUND -> new CliException(ExitCode.DAEMON_UNAVAILABLE,
                    "the daemon does not know this command (" + e.getMessage() + "): run `tend daemon restart`");
            default -> new CliException(ExitCode.FAILED, e.getMessage());
        };
    }

    private static String configMessage(RpcError e) {
        if (e.data() instanceof Map<?, ?> d && d.get("file") != null) {
            Object line = d.get("line");
            return d.get("file") + (line instanceof Number n && n.intValue() > 0 ? ":" + n : "") + ": " + d.get("reason");
        }
        return e.getMessage();
    }
}
