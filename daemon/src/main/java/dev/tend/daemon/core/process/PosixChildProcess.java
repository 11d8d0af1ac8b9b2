package dev.tend.daemon.core.process;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A child started by {@link PosixProcessLauncher}; its pid leads its own session and process group. */
final class PosixChildProcess implements ChildProcess {

    /** Highest signal number decoded from an exit value (Linux has 31 standard signals). */
    private static final int MAX_SIGNAL = 31;

    private final Process process;
    private final Instant startTime;
    private final CompletableFuture<ExitStatus> onExit;

    PosixChildProcess(Process process, Instant startTime) {
        this.process = process;
        this.startTime = startTime;
        this.onExit = process.onExit().thenApply(p -> decode(p.exitValue()));
    }

    /**
     * Java reports a child killed by signal N as exit value 128+N, so 129..159 are read as signals. This is
     * ambiguous: a child that deliberately runs {@code exit 130} is reported as killed by SIGINT (2), exactly
     * as a shell would report it in $?. Without native code there is no way to tell the two apart.
     */
    static ExitStatus decode(int exitValue) {
        if (exitValue > 128 && exitValue <= 128 + MAX_SIGNAL) {
            return ExitStatus.killed(exitValue - 128);
        }
        return ExitStatus.exited(exitValue);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return onExit;
    }

    @Override
    public String toString() {
        return "child " + pid() + " started " + startTime;
    }
}
