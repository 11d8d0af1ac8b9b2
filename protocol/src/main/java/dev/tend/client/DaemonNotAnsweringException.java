package dev.tend.client;

import java.io.IOException;

/** The daemon is there (its socket accepts) but sends no answer within the client's timeout, nor to a probe. */
public final class DaemonNotAnsweringException extends IOException {
    public DaemonNotAnsweringException(String message) {
        super(message);
    }
}
