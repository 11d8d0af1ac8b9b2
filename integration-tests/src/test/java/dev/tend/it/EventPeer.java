package dev.tend.it;

import dev.tend.protocol.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A raw-socket subscriber: subscribes with the given params and reads notifications as maps. */
final class EventPeer implements AutoCloseable {
    final RawPeer peer;
    final Map<?, ?> result;

    EventPeer(Path socket, String subscribeParams) throws IOException {
        peer = new RawPeer(socket);
        Map<?, ?> reply = (Map<?, ?>) Json.parse(peer.exchange(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"events.subscribe\",\"params\":" + subscribeParams + "}"));
        if (!(reply.get("result") instanceof Map<?, ?> r)) {
            throw new AssertionError("the first line after events.subscribe must be its answer, got " + reply);
        }
        result = r;
    }

    long seq() {
        return ((Number) result.get("seq")).longValue();
    }

    String id() {
        return (String) result.get("subscription");
    }

    /** The next notification, or null if none came within the wait. */
    Map<?, ?> next(long waitMillis) throws IOException {
        String line = peer.readLine(waitMillis);
        if (line == null) {
            return null;
        }
        Map<?, ?> msg = (Map<?, ?>) Json.parse(line);
        if (msg.containsKey("id") || !id().equals(((Map<?, ?>) msg.get("params")).get("subscription"))) {
            throw new AssertionError("expected a notification of " + id() + ", got " + line);
        }
        return msg;
    }

    static long seqOf(Map<?, ?> notification) {
        Object seq = ((Map<?, ?>) notification.get("params")).get("seq");
        return seq == null ? -1 : ((Number) seq).longValue();
    }

    @Override
    public void close() throws IOException {
        peer.close();
    }
}
