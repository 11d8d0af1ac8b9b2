package dev.tend.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, for each log.appended of `logs -f`, how to print it with no gap and no duplicate next to what was
 * already printed from logs.read. Per service it knows the position after the last line printed; a log.appended
 * that begins exactly there (its predecessor ended there) is printed as is; one whose lines were all printed
 * already is skipped; anything else is answered by reading after the known position. Positions are compared as
 * tokens: a false mismatch costs a read, never a wrong line. Pure.
 */
final class LogFollower {
    enum Step { PRINT, SKIP, READ }

    private final Map<String, String> printedUpTo = new HashMap<>();
    private final Map<String, String> lastEventEnd = new HashMap<>();

    /** What was printed of the service reaches up to this position (after a logs.read, or a printed event). */
    void printed(String service, String next) {
        printedUpTo.put(service, next);
    }

    String printedUpTo(String service) {
        return printedUpTo.get(service);
    }

    /** After a new subscription: its events are not known to continue anything yet. */
    void resubscribed() {
        lastEventEnd.clear();
    }

    Step onEvent(String service, String next) {
        String printed = printedUpTo.get(service);
        String previousEnd = lastEventEnd.put(service, next);
        if (printed == null) {
            printedUpTo.put(service, next);
            return Step.PRINT;
        }
        if (printed.equals(previousEnd)) {
            printedUpTo.put(service, next);
            return Step.PRINT;
        }
        if (printed.equals(next)) {
            return Step.SKIP;
        }
        return Step.READ;
    }
}
