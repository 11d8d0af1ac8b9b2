package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.rpc.RpcAssertions.assertError;
import static dev.tend.daemon.rpc.RpcAssertions.assertResult;
import static dev.tend.daemon.rpc.RpcAssertions.json;
import static dev.tend.daemon.rpc.RpcAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What handlers throw, the per-call context, concurrency, and which handlers are accepted. */
class JsonRpcEndpointHandlerTest {

    private final TestHandler handler = new TestHandler();
    private final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcAssertions.MAPPER, handler);

    @Test
    void unexpectedExceptionIsInternalErrorWithAnIncidentIdAndNoJavaDetails() {
        String response = endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.fail\",\"id\":1}");
        JsonNode error = parse(response).get("error");
        assertEquals(-32603, error.get("code").intValue(), response);
        String incident = error.get("data").get("incident").textValue();
        assertTrue(incident.matches("[0-9a-f]{8}"), response);
        assertEquals("Internal error: a bug in tend (incident " + incident + "; `tend daemon logs` has the details)",
                error.get("message").textValue());
        for (String leak : List.of("IllegalStateException", "java.", "secret", "exceptionTypeName", "at dev.")) {
            assertFalse(response.contains(leak), "leaks " + leak + ": " + response);
        }
        assertEquals(List.of("fail"), handler.calls);
    }

    @Test
    void rpcExceptionBecomesItsCodeMessageAndData() {
        JsonNode error = assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.app\",\"id\":\"a\"}")),
                "\"a\"", -32001, "no service 'web' in project 'shop'");
        assertEquals(json("{\"project\":\"shop\",\"service\":\"web\"}"), error.get("data"));
    }

    @Test
    void theCoresForeseenFailuresKeepTheirCodeAndWordsWhereverThrown() {
        Map<String, Integer> codes = Map.of("NOT_FOUND", -32001, "CONFLICT", -32002, "INVALID", -32602,
                "FAILED", -32006, "SHUTTING_DOWN", -32005);
        codes.forEach((kind, code) -> assertError(parse(endpoint.handle(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"test.core\",\"params\":{\"kind\":\"" + kind + "\"},\"id\":1}")),
                "1", code, "the core says " + kind));
    }

    @Test
    void failingNotificationGetsNoReply() {
        assertNull(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.fail\"}"));
        assertNull(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.app\"}"));
        assertEquals(List.of("fail"), handler.calls);
    }

    @Test
    void contextIsVisibleToTheHandlerOnlyDuringItsCall() {
        assertResult(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.context\",\"id\":1}", "peer-7")),
                "1", "\"peer-7\"");
        assertNull(RpcContext.current(), "context must not outlive the call");
        assertResult(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.context\",\"id\":1}")), "1", "null");
        assertThrows(IllegalStateException.class, () -> RpcContext.current(String.class));
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswerAndContext() throws Exception {
        int threads = 8;
        int callsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        String id = "\"" + thread + "-" + i + "\"";
                        assertResult(parse(endpoint.handle(
                                        "{\"jsonrpc\":\"2.0\",\"method\":\"math.subtract\",\"params\":[" + i + "," + thread + "],\"id\":" + id + "}")),
                                id, String.valueOf(i - thread));
                        String context = "peer-" + thread + "-" + i;
                        assertResult(parse(endpoint.handle("[{\"jsonrpc\":\"2.0\",\"method\":\"test.context\",\"id\":" + id + "}]",
                                context)).get(0), id, "\"" + context + "\"");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void servesExactlyTheAnnotatedMethods() {
        assertEquals(java.util.Set.of("math.subtract", "math.sum", "math.total", "notify.hello", "notify.update",
                "test.data", "test.nothing", "test.fail", "test.app", "test.core", "test.echo", "test.flag", "test.greet",
                "test.context", "test.lines"), endpoint.methodNames());
    }

    public static class Overloaded {
        @Rpc("a.b")
        public int one(@Param("x") int x) {
            return x;
        }

        @Rpc("a.b")
        public int two(@Param("x") int x, @Param("y") int y) {
            return x + y;
        }
    }

    public static class OptionalPrimitive {
        @Rpc("a.b")
        public int one(@Param("x") @OptionalParam int x) {
            return x;
        }
    }

    public static class OptionalBeforeRequired {
        @Rpc("a.b")
        public String one(@Param("x") @OptionalParam String x, @Param("y") String y) {
            return x + y;
        }
    }

    public static class PartlyNamed {
        @Rpc("a.b")
        public String one(@Param("x") String x, String y) {
            return x + y;
        }
    }

    static class NotPublic {
        @Rpc("a.b")
        public String one() {
            return "served";
        }

        public String b() {
            return "reached by its Java name";
        }
    }

    @Test
    void aHandlerClassNeedNotBePublicAndOnlyItsPublishedNamesAreReachable() {
        JsonRpcEndpoint notPublic = new JsonRpcEndpoint(RpcAssertions.MAPPER, new NotPublic());
        assertResult(parse(notPublic.handle("{\"jsonrpc\":\"2.0\",\"method\":\"a.b\",\"id\":1}")), "1", "\"served\"");
        assertError(parse(notPublic.handle("{\"jsonrpc\":\"2.0\",\"method\":\"b\",\"id\":1}")), "1", -32601,
                "no method named 'b'");
    }

    static class Unwritable {
        /** An object with nothing to write: the mapper refuses it (an empty bean). */
        @Rpc("a.b")
        public Object one() {
            return new Object();
        }
    }

    @Test
    void aResultThatCannotBeWrittenIsAnInternalErrorAnsweredToItsId() {
        JsonRpcEndpoint unwritable = new JsonRpcEndpoint(RpcAssertions.MAPPER, new Unwritable());
        String response = unwritable.handle("{\"jsonrpc\":\"2.0\",\"method\":\"a.b\",\"id\":7}");
        JsonNode error = assertError(parse(response), "7", -32603, "Internal error");
        assertTrue(error.get("data").has("incident"), response);
        assertFalse(response.contains("java."), "leaks a class name: " + response);
    }

    @Test
    void handlersWhoseCallsWouldBeAmbiguousAreRejectedUpFront() {
        for (Object bad : List.of(new Overloaded(), new OptionalPrimitive(), new OptionalBeforeRequired(),
                new PartlyNamed())) {
            assertThrows(IllegalArgumentException.class, () -> new JsonRpcEndpoint(RpcAssertions.MAPPER, bad),
                    bad.getClass().getSimpleName());
        }
    }
}
