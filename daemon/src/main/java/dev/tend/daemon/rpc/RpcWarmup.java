package dev.tend.daemon.rpc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A cold start ends with a client waiting for its first answer, and the first request through Jackson loads and
 * links a few hundred classes. The daemon runs these on a second core while the first one opens the store: one request through a throwaway endpoint before the real one exists, and a read-only
 * request through the real one before the socket takes clients.
 */
public final class RpcWarmup {
    private RpcWarmup() {
    }

    /** Needs nothing of the daemon: a throwaway handler. */
    public static void libraries() {
        JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcMapper.create(), new Handler());
        endpoint.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"warm\",\"params\":{\"name\":\"x\",\"count\":1}}");
        endpoint.handle("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"warm\",\"params\":[\"x\",\"two\"]}");
    }

    /** A read-only request through the daemon's own endpoint: it changes nothing. */
    public static void endpoint(JsonRpcEndpoint endpoint) {
        endpoint.handle("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"service.list\",\"params\":{}}");
    }

    /**
     * Answers only what the daemon's own answers hold (times go
     * out as ISO-8601 text): a type the mapper cannot write would log an ERROR at every start.
     */
    public static final class Handler {
        @Rpc("warm")
        public Map<String, Object> warm(@Param("name") String name, @Param("count") int count) {
            return Map.of("name", name, "count", count, "at", Instant.EPOCH.toString(), "list", List.of(1L, "a", true));
        }
    }
}
