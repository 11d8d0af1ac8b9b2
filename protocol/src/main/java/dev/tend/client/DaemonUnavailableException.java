package dev.tend.client;

/** No daemon could be reached or started; the message says why and what to do. */
public final class DaemonUnavailableException extends Exception {
    public DaemonUnavailableException(String message) {
        super(message);
    }

    public DaemonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
