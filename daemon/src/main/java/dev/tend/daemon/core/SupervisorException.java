package dev.tend.daemon.core;

/** A supervisor request that could not be done; {@link #kind()} maps to a protocol error code. */
public class SupervisorException extends RuntimeException {

    public enum Kind {
        /** The request itself is wrong (e.g. a name that breaks the naming rule). */
        INVALID,
        /** No such project or service. */
        NOT_FOUND,
        /** The request contradicts the current state (a name taken, a service not running). */
        CONFLICT,
        /** Valid, but it did not work (a service failed to start, was stopped while waited for). */
        FAILED,
        /** The supervisor is shutting down and takes no new work. */
        SHUTTING_DOWN
    }

    private final Kind kind;

    public SupervisorException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static SupervisorException invalid(String message) {
        return new SupervisorException(Kind.INVALID, message);
    }

    static SupervisorException notFound(String message) {
        return new SupervisorException(Kind.NOT_FOUND, message);
    }

    static SupervisorException conflict(String message) {
        return new SupervisorException(Kind.CONFLICT, message);
    }

    static SupervisorException failed(String message) {
        return new SupervisorException(Kind.FAILED, message);
    }
}
