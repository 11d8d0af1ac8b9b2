package dev.tend.daemon.rpc;

import static dev.tend.daemon.rpc.RpcAssertions.assertError;
import static dev.tend.daemon.rpc.RpcAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An invalid request is told in its own words what is wrong with it (issue 10): the error's message says which member (docs/protocol.md: words in message, data an object or absent). */
class JsonRpcEndpointInvalidRequestTest {

    private final TestHandler handler = new TestHandler();
    private final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcAssertions.MAPPER, handler);

    private String invalidRequestMessage(String request, String expectedId) {
        JsonNode error = assertError(parse(endpoint.handle(request)), expectedId, -32600, "Invalid Request");
        return error.get("message").textValue();
    }

    @Test
    void eachWayARequestIsMalformedIsNamedInTheErrorMessage() {
        Map<String, String> messageByRequest = Map.of(
                "{\"method\":\"math.sum\",\"id\":1}",
                "member \"jsonrpc\" is missing; it must be \"2.0\"",
                "{\"jsonrpc\":\"1.0\",\"method\":\"math.sum\",\"id\":1}",
                "member \"jsonrpc\" must be \"2.0\"",
                "{\"jsonrpc\":2.0,\"method\":\"math.sum\",\"id\":1}",
                "member \"jsonrpc\" must be \"2.0\"",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "member \"method\" is missing",
                "{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":1}",
                "member \"method\" must be a string, not an integer",
                "{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":\"x\",\"id\":1}",
                "member \"params\" must be an array or an object, not a string",
                "{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":null,\"id\":1}",
                "member \"params\" must be an array or an object, not null");
        messageByRequest.forEach((request, message) -> assertEquals(message, invalidRequestMessage(request, "1"), request));
        assertTrue(handler.calls.isEmpty(), handler.calls.toString());
    }

    @Test
    void anIdOfTheWrongKindIsNamedAndAnsweredWithNullId() {
        assertEquals("member \"id\" must be a string, a number or null, not a boolean",
                invalidRequestMessage("{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"id\":true}", "null"));
        assertEquals("member \"id\" must be a string, a number or null, not an object",
                invalidRequestMessage("{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"id\":{}}", "null"));
    }

    @Test
    void anInvalidRequestEchoesAReadableId() {
        assertEquals("member \"method\" is missing", invalidRequestMessage("{\"jsonrpc\":\"2.0\",\"id\":\"abc\"}", "\"abc\""));
        assertEquals("member \"method\" is missing", invalidRequestMessage("{\"jsonrpc\":\"2.0\",\"id\":null}", "null"));
    }

    @Test
    void aValueThatIsNotARequestObjectIsNamedByItsKind() {
        assertEquals("a request must be an object, not an integer", invalidRequestMessage("1", "null"));
        assertEquals("a request must be an object, not a string", invalidRequestMessage("\"x\"", "null"));
        assertEquals("empty batch", invalidRequestMessage("[]", "null"));
        JsonNode batch = parse(endpoint.handle("[[1], true]"));
        assertEquals(2, batch.size(), batch.toString());
        assertEquals("a request must be an object, not an array", batch.get(0).get("error").get("message").textValue());
        assertEquals("a request must be an object, not a boolean", batch.get(1).get("error").get("message").textValue());
    }
}
