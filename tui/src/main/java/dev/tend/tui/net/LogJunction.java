package dev.tend.tui.net;

import java.util.HashMap;
import java.util.Map;

/**
 * Joins the tail read with logs.read to the lines that arrive as log.appended, with no gap and no repeat. Per
 * service it knows the position just past the last line shown. An event that starts exactly there (the
 * previous event ended there) is shown as is; one that ends there was already shown; anything else is
 * answered by reading after the known position. Positions are compared as opaque tokens: a false mismatch
 * costs a read, never a wrong line. Pure.
 */
final class LogJunction {
    enum Step { SHOW, SKIP, READ }

    private final Map<String, String> shownUpTo = new HashMap<>();
    private final Map<String, String> lastEventEnd = new HashMap<>();

    /** What is shown of the service reaches up to this position. */
    void shown(String service, String next) {
        shownUpTo.put(service, next);
    }

    String shownUpTo(String service) {
        return shownUpTo.get(service);
    }

    Step onEvent(String service, String next) {
        String shown = shownUpTo.get(service);
        String previousEnd = lastEventEnd.put(service, next);
        if (shown == null || shown.equals(previousEnd)) {
            shownUpTo.put(service, next);
            return Step.SHOW;
        }
        if (shown.equals(next)) {
            return Step.SKIP;
        }
        return Step.READ;
    }
}
