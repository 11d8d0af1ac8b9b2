package dev.tend.daemon.core.process;

import java.util.List;

/**
 * The only ways tend reaches another process by number: kill(1) and SIGKILL through {@link ProcessHandle}.
 * {@link PosixProcessControl} guards every target before it calls these; tests that check the guard (refusals of
 * pid 0, 1, negatives, the daemon itself) replace them, so a broken guard in a test or a mutation run signals
 * nothing real. Targets are not checked here: that is the caller's one job.
 */
interface KillPrimitives {

    /** kill -s NAME -- TARGET...: a pid, or "-PGID" for a group. "No such process" is not an error. */
    void kill(Signal signal, List<String> targets);

    /** Gets ready to send signals at once (the real ones start their shell); nothing by default. */
    default void prepare() {
    }

    /** Ends what {@link #prepare} or a signal started; nothing by default. */
    default void close() {
    }

    /** SIGKILL to the pid if it is alive; {@link ProcessHandle} skips a pid reused since it looked. */
    void destroyForcibly(long pid);
}
