package dev.tend.daemon.core;

import java.util.Locale;

/**
 * Where a service is in its life. On the wire the states are the lowercase words ({@link #wireName()}).
 *
 * <p>RUNNING means the process is up but not ready yet: its readiness probe has not passed, or, without a
 * probe, it has not stayed up for its min_uptime (default 1 s) yet. "ready" is what dependents and
 * {@code up --wait} wait for, so a command that dies at once (a typo, a port in use) never looks ready.
 * STARTING with no pid means the service waits for its dependencies (the snapshot's reason says which).
 * COMPLETED is where a task (restart: no) ends when its process exits by itself; a signal makes it CRASHED.
 */
public enum ServiceState {
    STOPPED, STARTING, RUNNING, READY, STOPPING, EXITED, CRASHED, BACKOFF, FAILED,
    /** A task (restart: no) whose run ended on its own with an exit code, 0 or not: its job is done. */
    COMPLETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The process is (or is about to be) alive: a start request has nothing to do. */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == READY;
    }

    /** No process, and none is coming unless someone asks (BACKOFF has a restart coming, so it is not down). */
    public boolean isDown() {
        return this == STOPPED || this == EXITED || this == CRASHED || this == FAILED || this == COMPLETED;
    }

    public static ServiceState ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
