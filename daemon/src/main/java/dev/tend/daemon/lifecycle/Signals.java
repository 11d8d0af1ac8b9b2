package dev.tend.daemon.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT begin a graceful shutdown (ending in exit 0, not the JVM's 143); SIGHUP asks for a
 * reload. sun.misc.Signal is the only JDK way to handle a signal instead of dying of it.
 */
public final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    public static void install(Shutdown shutdown, Runnable reload) {
        handle("TERM", () -> shutdown.request("SIGTERM"));
        handle("INT", () -> shutdown.request("SIGINT"));
        handle("HUP", reload);
    }

    private static void handle(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                log.info("received SIG{}", name);
                action.run();
            });
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIG{} here: {}", name, e.getMessage());
        }
    }
}
