package dev.tend.daemon.core.probe;

import java.time.Duration;

/** A probe kept failing for its whole timeout. */
public final class ProbeTimeoutException extends Exception {

    private final Duration timeout;

    public ProbeTimeoutException(String probe, Duration timeout) {
        super("not ready within " + human(timeout) + " (" + probe + ")");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
