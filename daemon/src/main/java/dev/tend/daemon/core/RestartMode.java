package dev.tend.daemon.core;

/** When a service that ended is started again (`restart:` in tend.yaml). */
public enum RestartMode {
    /** Never. */
    NO,
    /** When it crashed: a non-zero exit code or killed by a signal. The default. */
    ON_FAILURE,
    /** Whenever it ends, unless a user stopped it. */
    ALWAYS
}
