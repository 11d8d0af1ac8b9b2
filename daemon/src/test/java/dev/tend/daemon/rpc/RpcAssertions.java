package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.protocol.ErrorCode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared checks on responses, made on parsed JSON. */
final class RpcAssertions {

    static final ObjectMapper MAPPER = RpcMapper.create();

    private RpcAssertions() {
    }

    static JsonNode parse(String response) {
        assertNotNull(response, "expected a response, got none");
        assertFalse(response.contains("\n"), "response must be one line: " + response);
        try {
            return MAPPER.readTree(response);
        } catch (JsonProcessingException e) {
            throw new AssertionError("response is not JSON: " + response, e);
        }
    }

    /** A response object with exactly jsonrpc, id and one of result / error. */
    static void assertWellFormed(JsonNode response) {
        assertTrue(response.isObject(), "not an object: " + response);
        Set<String> members = new HashSet<>();
        response.fieldNames().forEachRemaining(members::add);
        assertTrue(members.equals(Set.of("jsonrpc", "id", "result")) || members.equals(Set.of("jsonrpc", "id", "error")),
                "members must be jsonrpc, id and result or error: " + response);
        assertEquals("2.0", response.get("jsonrpc").textValue(), response.toString());
        if (response.has("error")) {
            JsonNode error = response.get("error");
            assertTrue(error.get("code").isInt(), response.toString());
            assertTrue(error.get("message").isTextual(), response.toString());
        }
    }

    static void assertResult(JsonNode response, String expectedId, String expectedResultJson) {
        assertWellFormed(response);
        assertEquals(json(expectedId), response.get("id"), response.toString());
        assertTrue(response.has("result"), "expected a result: " + response);
        assertEquals(json(expectedResultJson), response.get("result"), response.toString());
    }

    /** An error response; {@code expectedId} is JSON text, e.g. "null", "1" or "\"1\"". */
    /**
     * @param message the error's words; a code's default words ("Invalid params") stand for "any words": the
     *                endpoint says what exactly is wrong in message (docs/protocol.md, Errors), which the callers check
     */
    static JsonNode assertError(JsonNode response, String expectedId, int code, String message) {
        assertWellFormed(response);
        JsonNode id = response.get("id");
        if (expectedId.equals("null")) {
            assertTrue(id.isNull(), "id must be JSON null (not the string \"null\"): " + response);
        } else {
            assertEquals(json(expectedId), id, response.toString());
        }
        assertTrue(response.has("error"), "expected an error: " + response);
        assertEquals(code, response.get("error").get("code").intValue(), response.toString());
        String said = response.get("error").get("message").textValue();
        ErrorCode known = ErrorCode.of(code);
        if (known != null && known.defaultMessage().equals(message)) {
            assertTrue(said != null && !said.isBlank(), "an error says what is wrong: " + response);
        } else {
            assertEquals(message, said, response.toString());
        }
        return response.get("error");
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
