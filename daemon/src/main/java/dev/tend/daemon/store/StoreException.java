package dev.tend.daemon.store;

/** The state store could not do what was asked; the message says which database and what went wrong. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
