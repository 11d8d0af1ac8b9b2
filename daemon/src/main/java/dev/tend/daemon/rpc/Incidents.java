package dev.tend.daemon.rpc;

import org.slf4j.Logger;

import java.util.concurrent.ThreadLocalRandom;

/**
 * An internal error is a bug in tend, and the user meets it far from its cause. Each one gets an id that is in
 * both the answer the user sees and the daemon.log entry with the stack trace, so one leads to the other.
 */
final class Incidents {
    private Incidents() {
    }

    /** Logs the failure as an error under a fresh incident id; returns the id. */
    static String report(Logger log, String what, Throwable failure) {
        String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        log.error("internal error, incident {}: {}", id, what, failure);
        return id;
    }

    /** The error message a peer shows for the incident. */
    static String message(String id) {
        return "Internal error: a bug in tend (incident " + id + "; `tend daemon logs` has the details)";
    }
}
