package dev.tend.daemon.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * SIGTERM and SIGINT begin a graceful shutdown (ending in exit 0, not the JVM's 143); SIGHUP asks for a
 * reload. A detached daemon has no terminal of its own, so a SIGINT can only be the Ctrl-C of the client that
 * spawned it, reaching it when there was no way to give it a session of its own: it is logged and ignored.
 * (A handler, not SIG_IGN: an ignored disposition would be inherited by every service.)
 * SIGUSR1, SIGUSR2 and SIGALRM mean nothing to tend, yet their default is death, without a word or a stop of the
 * services (supervisord's users send SIGUSR2 to reopen its logs): they are logged and ignored. SIGUSR2 is the JVM's
 * own thread-suspend signal unless the launcher moves that elsewhere (_JAVA_SR_SIGNUM), and a SIGUSR2 sent by
 * someone else crashed the JVM in that role.
 * sun.misc.Signal is the only JDK way to handle a signal instead of dying of it.
 */
public final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    public static void install(Shutdown shutdown, Runnable reload, boolean detached) {
        handle("TERM", () -> shutdown.request("SIGTERM"));
        if (detached) {
            handle("INT", () -> log.info("ignoring SIGINT: a detached daemon stops on SIGTERM or `tend daemon stop`"));
        } else {
            handle("INT", () -> shutdown.request("SIGINT"));
        }
        handle("HUP", reload);
        for (String meaningless : List.of("USR1", "USR2", "ALRM")) {
            handle(meaningless, () -> log.warn("ignoring SIG{}: the daemon stops on SIGTERM (or `tend daemon stop`) "
                    + "and reloads its settings and projects on SIGHUP", meaningless));
        }
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
