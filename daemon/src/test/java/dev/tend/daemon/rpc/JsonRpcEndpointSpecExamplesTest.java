package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tend.daemon.rpc.RpcAssertions.assertError;
import static dev.tend.daemon.rpc.RpcAssertions.assertResult;
import static dev.tend.daemon.rpc.RpcAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example of the JSON-RPC 2.0 specification, section 7, with the method names mapped to the test
 * handler: subtract → math.subtract, sum → math.sum, update → notify.update, notify_hello → notify.hello,
 * get_data → test.data; foobar and foo.get stay unknown.
 */
class JsonRpcEndpointSpecExamplesTest {

    private final TestHandler handler = new TestHandler();
    private final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcAssertions.MAPPER, handler);

    @Test
    void callWithPositionalParams() {
        assertResult(parse(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": \"math.subtract\", \"params\": [42, 23], \"id\": 1}")),
                "1", "19");
        assertResult(parse(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": \"math.subtract\", \"params\": [23, 42], \"id\": 2}")),
                "2", "-19");
    }

    @Test
    void callWithNamedParams() {
        assertResult(parse(endpoint.handle(
                        "{\"jsonrpc\": \"2.0\", \"method\": \"math.subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}")),
                "3", "19");
        assertResult(parse(endpoint.handle(
                        "{\"jsonrpc\": \"2.0\", \"method\": \"math.subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}")),
                "4", "19");
    }

    @Test
    void notificationsAreRunButNeverAnswered() {
        assertNull(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": \"notify.update\", \"params\": [1,2,3,4,5]}"));
        assertNull(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}"));
        assertEquals(List.of("update [1, 2, 3, 4, 5]"), handler.calls);
    }

    @Test
    void callOfNonExistentMethod() {
        assertError(parse(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}")),
                "\"1\"", -32601, "Method not found");
    }

    @Test
    void callWithInvalidJson() {
        assertError(parse(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]")),
                "null", -32700, "Parse error");
    }

    @Test
    void callWithInvalidRequestObject() {
        assertError(parse(endpoint.handle("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}")),
                "null", -32600, "Invalid Request");
    }

    @Test
    void batchWithInvalidJsonIsOneParseError() {
        JsonNode response = parse(endpoint.handle("["
                + "{\"jsonrpc\": \"2.0\", \"method\": \"math.sum\", \"params\": [1,2,4], \"id\": \"1\"},"
                + "{\"jsonrpc\": \"2.0\", \"method\""
                + "]"));
        assertTrue(response.isObject(), "a single response, not an array: " + response);
        assertError(response, "null", -32700, "Parse error");
        assertTrue(handler.calls.isEmpty(), "nothing of an unparseable batch runs: " + handler.calls);
    }

    @Test
    void emptyArrayIsOneInvalidRequest() {
        JsonNode response = parse(endpoint.handle("[]"));
        assertTrue(response.isObject(), "a single response, not an array: " + response);
        assertError(response, "null", -32600, "Invalid Request");
    }

    @Test
    void batchOfOneNonObjectIsAnArrayOfOneInvalidRequest() {
        JsonNode response = parse(endpoint.handle("[1]"));
        assertTrue(response.isArray(), response.toString());
        assertEquals(1, response.size(), response.toString());
        assertError(response.get(0), "null", -32600, "Invalid Request");
    }

    @Test
    void batchOfThreeNonObjectsIsAnArrayOfThreeInvalidRequests() {
        JsonNode response = parse(endpoint.handle("[1,2,3]"));
        assertTrue(response.isArray(), response.toString());
        assertEquals(3, response.size(), response.toString());
        for (JsonNode each : response) {
            assertError(each, "null", -32600, "Invalid Request");
        }
    }

    @Test
    void batchAnswersEachRequestInOrderAndSkipsNotifications() {
        JsonNode response = parse(endpoint.handle("["
                + "{\"jsonrpc\": \"2.0\", \"method\": \"math.sum\", \"params\": [1,2,4], \"id\": \"1\"},"
                + "{\"jsonrpc\": \"2.0\", \"method\": \"notify.hello\", \"params\": [7]},"
                + "{\"jsonrpc\": \"2.0\", \"method\": \"math.subtract\", \"params\": [42,23], \"id\": \"2\"},"
                + "{\"foo\": \"boo\"},"
                + "{\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"}, \"id\": \"5\"},"
                + "{\"jsonrpc\": \"2.0\", \"method\": \"test.data\", \"id\": \"9\"}"
                + "]"));
        assertTrue(response.isArray(), response.toString());
        assertEquals(5, response.size(), response.toString());
        assertResult(response.get(0), "\"1\"", "7");
        assertResult(response.get(1), "\"2\"", "19");
        assertError(response.get(2), "null", -32600, "Invalid Request");
        assertError(response.get(3), "\"5\"", -32601, "Method not found");
        assertResult(response.get(4), "\"9\"", "[\"hello\", 5]");
        assertEquals(List.of("sum [1, 2, 4]", "hello 7"), handler.calls);
    }

    @Test
    void batchOfOnlyNotificationsGetsNoReply() {
        assertNull(endpoint.handle("["
                + "{\"jsonrpc\": \"2.0\", \"method\": \"notify.update\", \"params\": [1,2,4]},"
                + "{\"jsonrpc\": \"2.0\", \"method\": \"notify.hello\", \"params\": [7]}"
                + "]"));
        assertEquals(List.of("update [1, 2, 4]", "hello 7"), handler.calls);
    }
}
