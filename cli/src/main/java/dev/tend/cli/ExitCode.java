package dev.tend.cli;

/** The CLI's exit codes (listed in README.md, "Exit codes"), in one place. */
public final class ExitCode {
    private ExitCode() {
    }

    public static final int OK = 0;
    /** The operation failed, e.g. a service failed to start. */
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    /** No daemon could be started or reached. */
    public static final int DAEMON_UNAVAILABLE = 4;
    public static final int INTERRUPTED = 130;
    /**
     * Nobody reads the output any more (`tend logs -f x | head -1`): 128 + SIGPIPE, what a tool killed by the
     * signal reports (the JVM ignores SIGPIPE, so tend ends itself, quietly, with that status).
     */
    public static final int OUTPUT_CLOSED = 141;
}
