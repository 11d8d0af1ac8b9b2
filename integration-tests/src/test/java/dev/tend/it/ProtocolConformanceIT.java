package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON-RPC 2.0 as the specification's "Examples" section prescribes, adapted to tend's methods, against the
 * real daemon over its real socket. One daemon serves the whole class; every case opens its own connection.
 */
class ProtocolConformanceIT {
    private static TendHome tend;

    @BeforeAll
    static void startDaemon() throws Exception {
        tend = new TendHome();
        assertEquals(0, tend.tend("daemon", "status").exit());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        tend.close();
    }

    private static Object exchange(String line) throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            return Json.parse(peer.exchange(line));
        }
    }

    /** Sends a line that must get no answer, then proves the connection still works. */
    private static void assertNoAnswer(String line) throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send(line + "\n");
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"id\":\"probe\"}\n");
            Map<?, ?> next = (Map<?, ?>) Json.parse(peer.readLine(10_000));
            assertEquals("probe", next.get("id"), "the first answer must belong to the probe, not to " + line);
        }
    }

    private static void assertError(Object response, int code, Object id) {
        Map<?, ?> r = (Map<?, ?>) response;
        assertEquals("2.0", r.get("jsonrpc"));
        assertTrue(r.containsKey("id"), "id member present: " + r);
        assertEquals(id, r.get("id"), "id: " + r);
        assertFalse(r.containsKey("result"), "no result beside an error: " + r);
        Map<?, ?> error = (Map<?, ?>) r.get("error");
        assertEquals((long) code, error.get("code"), "code: " + r);
        assertTrue(error.get("message") instanceof String);
    }

    @Test
    void callWithNamedParametersReturnsItsResult() throws Exception {
        Map<?, ?> r = (Map<?, ?>) exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"params\":{\"client\":\"it\",\"version\":\"0.1.0\",\"protocol\":1},\"id\":1}");
        assertEquals(1L, r.get("id"));
        Map<?, ?> result = (Map<?, ?>) r.get("result");
        assertEquals(1L, result.get("protocol"));
        assertTrue(result.get("pid") instanceof Long);
        assertEquals("default", result.get("instance"));
        assertEquals(List.of("services", "logs", "history", "batch", "events", "usage", "jobs", "export", "discover",
                "config", "health", "tasks"), result.get("capabilities"), "each area a peer can test for (protocol.md)");
    }

    @Test
    void callWithoutParamsIsServed() throws Exception {
        Map<?, ?> r = (Map<?, ?>) exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":\"s\"}");
        assertEquals("s", r.get("id"));
        assertTrue(r.get("result") instanceof Map);
    }

    @Test
    void notificationGetsNoReply() throws Exception {
        assertNoAnswer("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\"}");
    }

    @Test
    void notificationOfUnknownMethodGetsNoReply() throws Exception {
        assertNoAnswer("{\"jsonrpc\":\"2.0\",\"method\":\"no.such\",\"params\":[1,2]}");
    }

    @Test
    void unknownMethodIsMethodNotFoundWithTheIdEchoed() throws Exception {
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"foobar\",\"id\":\"1\"}"), -32601, "1");
    }

    @Test
    void reservedRpcNamesAreMethodNotFound() throws Exception {
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.nothing\",\"id\":2}"), -32601, 2L);
    }

    @Test
    void idsAreEchoedExactlyBeyondSixtyFourBitsAndAsFractions() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            String big = peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"foobar\",\"id\":123456789012345678901234567890}");
            assertTrue(big.contains("\"id\":123456789012345678901234567890"), big);
            String fraction = peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"foobar\",\"id\":1.5}");
            assertTrue(fraction.contains("\"id\":1.5"), fraction);
        }
    }

    @Test
    void nullIdIsARequestAnsweredWithNullId() throws Exception {
        String raw;
        try (RawPeer peer = new RawPeer(tend.socket())) {
            raw = peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":null}");
        }
        assertTrue(raw.contains("\"id\":null"), raw);
        assertTrue(((Map<?, ?>) Json.parse(raw)).get("result") instanceof Map, raw);
    }

    @Test
    void invalidJsonIsParseErrorWithNullId() throws Exception {
        String raw;
        try (RawPeer peer = new RawPeer(tend.socket())) {
            raw = peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"foobar,\"params\":\"bar\",\"baz]");
        }
        assertTrue(raw.contains("\"id\":null"), "id is JSON null, not \"null\": " + raw);
        assertError(Json.parse(raw), -32700, null);
    }

    @Test
    void invalidRequestObjectIsInvalidRequest() throws Exception {
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":1,\"params\":\"bar\"}"), -32600, null);
    }

    @Test
    void wrongOrMissingVersionIsInvalidRequest() throws Exception {
        assertError(exchange("{\"jsonrpc\":\"1.0\",\"method\":\"daemon.status\",\"id\":1}"), -32600, 1L);
        assertError(exchange("{\"method\":\"daemon.status\",\"id\":1}"), -32600, 1L);
    }

    @Test
    void paramsThatAreNeitherArrayNorObjectAreInvalidRequest() throws Exception {
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"params\":\"x\",\"id\":1}"), -32600, 1L);
    }

    @Test
    void batchWithInvalidJsonIsOneParseError() throws Exception {
        assertError(exchange("[{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":\"1\"},{\"jsonrpc\":\"2.0\",\"method\""), -32700, null);
    }

    @Test
    void emptyArrayIsOneInvalidRequest() throws Exception {
        assertError(exchange("[]"), -32600, null);
    }

    @Test
    void batchOfNonObjectsIsAnArrayOfInvalidRequests() throws Exception {
        List<?> one = (List<?>) exchange("[1]");
        assertEquals(1, one.size());
        assertError(one.get(0), -32600, null);
        List<?> three = (List<?>) exchange("[1,2,3]");
        assertEquals(3, three.size());
        for (Object r : three) {
            assertError(r, -32600, null);
        }
    }

    @Test
    void mixedBatchAnswersOnlyItsRequests() throws Exception {
        List<?> r = (List<?>) exchange("["
                + "{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":\"1\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"params\":{\"client\":\"it\"},\"id\":\"2\"},"
                + "{\"foo\":\"boo\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"foo.get\",\"params\":{\"name\":\"myself\"},\"id\":\"5\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"id\":\"9\"}"
                + "]");
        assertEquals(5, r.size(), "four requests and one invalid object: " + r);
        Map<Object, Map<?, ?>> byId = new java.util.HashMap<>();
        for (Object o : r) {
            byId.put(((Map<?, ?>) o).get("id"), (Map<?, ?>) o);
        }
        assertTrue(byId.get("1").containsKey("result"));
        assertTrue(byId.get("2").containsKey("result"));
        assertTrue(byId.get("9").containsKey("result"));
        assertError(byId.get("5"), -32601, "5");
        assertError(byId.get(null), -32600, null);
    }

    @Test
    void batchOfNotificationsAnswersNothing() throws Exception {
        assertNoAnswer("[{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\"},{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\"}]");
    }

    @Test
    void wrongParamTypesAreInvalidParamsWithoutCoercion() throws Exception {
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"params\":{\"protocol\":\"1\"},\"id\":7}"), -32602, 7L);
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"params\":{\"protocol\":1.5},\"id\":8}"), -32602, 8L);
        assertError(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"params\":{\"bogus\":1},\"id\":9}"), -32602, 9L);
    }

    @Test
    void errorsNeverLeakJavaClassNames() throws Exception {
        String raw;
        try (RawPeer peer = new RawPeer(tend.socket())) {
            raw = peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"params\":{\"protocol\":\"x\"},\"id\":1}");
        }
        assertFalse(raw.contains("java.") || raw.contains("com.fasterxml") || raw.contains("Exception"), raw);
        assertNull(((Map<?, ?>) Json.parse(raw)).get("result"));
    }
}
