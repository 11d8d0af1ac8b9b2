package dev.tend.daemon.core.process;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** A running child started by a {@link ProcessLauncher}: the leader of its own session and process group. */
public interface ChildProcess {

    /** The pid; also the id of the child's session and process group. */
    long pid();

    /** The start time the OS records for the pid: with the pid, it identifies the process across daemon restarts. */
    java.time.Instant startTime();

    InputStream stdout();

    InputStream stderr();

    /** Completes when the child itself has exited (descendants may live on: see {@link ProcessControl}). */
    CompletableFuture<ExitStatus> onExit();
}
