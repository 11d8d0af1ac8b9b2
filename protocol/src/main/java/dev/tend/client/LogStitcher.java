package dev.tend.client;

import dev.tend.protocol.json.JsonObjects;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins what a client read of services' logs (a tail with logs.read) to the lines that arrive as log.appended,
 * with no gap and no repeat, across a new subscription. Per service ("project/service") it knows the position
 * just past the last line delivered. An event that starts exactly there (the previous event ended there) is
 * delivered as is; one that ends there was delivered already; anything else is answered by reading after the
 * known position, page by page. Positions are compared as opaque tokens: a false mismatch costs a read, never a
 * wrong line. Used by `tend logs -f` and the TUI's log pane; it talks to the daemon only through {@link Reader}.
 */
public final class LogStitcher {

    /** What to do with a log.appended. */
    public enum Step { DELIVER, SKIP, READ }

    /** One logs.read page of a service after a position (null: from the start); the caller adds its filters. */
    @FunctionalInterface
    public interface Reader {
        Map<String, Object> read(String service, String after) throws IOException, RpcError;
    }

    /** Receives lines in order; {@code gap} when lines were rotated away before they could be read. */
    @FunctionalInterface
    public interface Sink {
        void lines(String service, List<Object> lines, boolean gap) throws IOException, RpcError;
    }

    private final Reader reader;
    private final Sink sink;
    private final Map<String, String> deliveredUpTo = new HashMap<>();
    private final Map<String, String> lastEventEnd = new HashMap<>();

    public LogStitcher(Reader reader, Sink sink) {
        this.reader = reader;
        this.sink = sink;
    }

    /** What was delivered of the service reaches up to this position (after the caller read a tail). */
    public void delivered(String service, String next) {
        deliveredUpTo.put(service, next);
    }

    public String deliveredUpTo(String service) {
        return deliveredUpTo.get(service);
    }

    /** After a new subscription: its events are not known to continue anything yet. */
    public void resubscribed() {
        lastEventEnd.clear();
    }

    /** Decides about a log.appended of the service that ends at {@code next}, and records it. Pure. */
    public Step onEvent(String service, String next) {
        String delivered = deliveredUpTo.get(service);
        String previousEnd = lastEventEnd.put(service, next);
        if (delivered == null || delivered.equals(previousEnd)) {
            deliveredUpTo.put(service, next);
            return Step.DELIVER;
        }
        if (delivered.equals(next)) {
            return Step.SKIP;
        }
        return Step.READ;
    }

    /** Handles the params of one log.appended ({project, service, lines, next}). */
    public void appended(Map<String, Object> params) throws IOException, RpcError {
        String service = JsonObjects.string(params, "project") + "/" + JsonObjects.string(params, "service");
        switch (onEvent(service, JsonObjects.string(params, "next"))) {
            case DELIVER -> sink.lines(service, lines(params), false);
            case READ -> catchUp(service);
            case SKIP -> {
                // these lines were delivered already
            }
        }
    }

    /** Delivers what the service's log has after what was delivered of it, a page at a time until no more. */
    public void catchUp(String service) throws IOException, RpcError {
        Map<String, Object> page;
        do {
            page = reader.read(service, deliveredUpTo.get(service));
            sink.lines(service, lines(page), JsonObjects.bool(page, "gap"));
            deliveredUpTo.put(service, JsonObjects.string(page, "next"));
        } while (JsonObjects.bool(page, "more"));
    }

    private static List<Object> lines(Map<String, Object> message) {
        return message.get("lines") == null ? List.of() : JsonObjects.array(message.get("lines"));
    }
}
