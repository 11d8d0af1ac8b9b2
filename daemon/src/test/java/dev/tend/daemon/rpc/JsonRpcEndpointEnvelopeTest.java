package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static dev.tend.daemon.rpc.RpcAssertions.assertError;
import static dev.tend.daemon.rpc.RpcAssertions.assertResult;
import static dev.tend.daemon.rpc.RpcAssertions.assertWellFormed;
import static dev.tend.daemon.rpc.RpcAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids, request validation, parse errors and the shape of responses. */
class JsonRpcEndpointEnvelopeTest {

    private final TestHandler handler = new TestHandler();
    private final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcAssertions.MAPPER, handler);

    private String call(String id) {
        return endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"foobar\",\"id\":" + id + "}");
    }

    @Test
    void integerIdBeyond64BitsIsEchoedExactly() {
        String response = call("123456789012345678901234567890");
        assertTrue(response.contains("\"id\":123456789012345678901234567890"), response);
        assertEquals(new BigInteger("123456789012345678901234567890"), parse(response).get("id").bigIntegerValue());
    }

    @Test
    void fractionalIdsAreEchoedAsTheSameNumberText() {
        for (String id : List.of("1.5", "1.50", "-0", "1e3", "2.5E-7", "-12")) {
            String response = call(id);
            assertTrue(response.contains("\"id\":" + id + ","), id + " -> " + response);
            assertEquals(new BigDecimal(id).compareTo(parse(response).get("id").decimalValue()), 0, response);
        }
    }

    @Test
    void stringIdIsEchoedAsAString() {
        JsonNode response = parse(call("\"42\""));
        assertTrue(response.get("id").isTextual(), response.toString());
        assertEquals("42", response.get("id").textValue());
    }

    @Test
    void nullIdIsARequestAndIsAnsweredWithNullId() {
        assertResult(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"math.subtract\",\"params\":[3,1],\"id\":null}")),
                "null", "2");
        assertTrue(parse(call("null")).get("id").isNull());
    }

    @Test
    void voidResultIsAnsweredWithResultNull() {
        JsonNode response = parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.nothing\",\"id\":7}"));
        assertWellFormed(response);
        assertTrue(response.has("result") && response.get("result").isNull(), response.toString());
        assertEquals(List.of("nothing"), handler.calls);
    }

    @Test
    void versionOtherThan2Point0IsInvalidRequest() {
        JsonNode error = assertError(parse(endpoint.handle("{\"jsonrpc\":\"1.0\",\"method\":\"math.subtract\",\"params\":[3,1],\"id\":1}")),
                "1", -32600, "Invalid Request");
        assertTrue(error.get("message").textValue().contains("jsonrpc"), error.toString());
        assertError(parse(endpoint.handle("{\"method\":\"math.subtract\",\"params\":[3,1],\"id\":1}")), "1", -32600, "Invalid Request");
        assertError(parse(endpoint.handle("{\"jsonrpc\":2.0,\"method\":\"math.subtract\",\"params\":[3,1],\"id\":1}")), "1", -32600, "Invalid Request");
    }

    @Test
    void paramsThatAreNeitherArrayNorObjectAreInvalidRequest() {
        for (String params : List.of("\"bar\"", "5", "null", "true")) {
            assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":" + params + ",\"id\":1}")),
                    "1", -32600, "Invalid Request");
        }
    }

    @Test
    void methodThatIsNotAStringIsInvalidRequest() {
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":\"a\"}")), "\"a\"", -32600, "Invalid Request");
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":null,\"id\":\"a\"}")), "\"a\"", -32600, "Invalid Request");
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"id\":\"a\"}")), "\"a\"", -32600, "Invalid Request");
    }

    @Test
    void idThatIsNotStringNumberOrNullIsInvalidRequestWithNullId() {
        for (String id : List.of("true", "{\"a\":1}", "[1]")) {
            assertError(parse(call(id)), "null", -32600, "Invalid Request");
        }
    }

    @Test
    void invalidRequestWithoutIdIsStillAnswered() {
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"1.0\",\"method\":\"notify.hello\",\"params\":[1]}")),
                "null", -32600, "Invalid Request");
        assertTrue(handler.calls.isEmpty(), handler.calls.toString());
    }

    @Test
    void nonObjectTopLevelValuesAreInvalidRequest() {
        for (String frame : List.of("1", "\"x\"", "null", "true")) {
            assertError(parse(endpoint.handle(frame)), "null", -32600, "Invalid Request");
        }
    }

    @Test
    void unterminatedObjectIsParseErrorSayingWhere() {
        JsonNode error = assertError(parse(endpoint.handle("{")), "null", -32700, "Parse error");
        assertEquals("invalid JSON at column 2", error.get("message").textValue());
        error = assertError(parse(endpoint.handle("{\"a\": 1, \"a\": 2}")), "null", -32700, "Parse error");
        assertTrue(error.get("message").textValue().startsWith("duplicate member 'a'"), error.toString());
    }

    @Test
    void deepNestingIsAParseErrorNotAStackOverflow() {
        JsonNode error = assertError(parse(endpoint.handle("[".repeat(100_000))), "null", -32700, "Parse error");
        assertEquals("JSON nested deeper than 256 levels", error.get("message").textValue());
        assertError(parse(endpoint.handle("{\"a\":".repeat(100_000))), "null", -32700, "Parse error");
        String deepParams = "{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"id\":1,\"params\":" + "[".repeat(300) + "]".repeat(300) + "}";
        assertError(parse(endpoint.handle(deepParams)), "null", -32700, "Parse error");
    }

    @Test
    void emptyFrameTrailingValueAndDuplicateMembersAreParseErrors() {
        assertError(parse(endpoint.handle("")), "null", -32700, "Parse error");
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"notify.hello\",\"params\":[1]} {}")),
                "null", -32700, "Parse error");
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"id\":1,\"id\":2}")),
                "null", -32700, "Parse error");
        assertTrue(handler.calls.isEmpty(), handler.calls.toString());
    }

    @Test
    void anEmptyFrameAndATrailingValueAreToldInTheirOwnWords() {
        JsonNode error = assertError(parse(endpoint.handle("  ")), "null", -32700, "Parse error");
        assertTrue(error.get("message").textValue().startsWith("empty frame: no JSON value"), error.toString());
        error = assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"notify.hello\",\"params\":[1]} {}")),
                "null", -32700, "Parse error");
        assertTrue(error.get("message").textValue().startsWith("more than one JSON value in the frame"), error.toString());
    }

    @Test
    void aBatchOfExactlyTheLimitIsAnsweredWhole() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 1; i <= JsonRpcEndpoint.MAX_BATCH; i++) {
            batch.append(i == 1 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":[").append(i)
                    .append("],\"id\":").append(i).append('}');
        }
        JsonNode response = parse(endpoint.handle(batch.append(']').toString()));
        assertEquals(JsonRpcEndpoint.MAX_BATCH, response.size(), response.toString());
        assertResult(response.get(JsonRpcEndpoint.MAX_BATCH - 1), Integer.toString(JsonRpcEndpoint.MAX_BATCH),
                Integer.toString(JsonRpcEndpoint.MAX_BATCH));
    }

    @Test
    void batchWithOneValidAndOneInvalidRequestAnswersBoth() {
        JsonNode response = parse(endpoint.handle("["
                + "{\"jsonrpc\":\"2.0\",\"method\":\"math.subtract\",\"params\":[5,3],\"id\":1},"
                + "{\"jsonrpc\":\"2.0\",\"method\":1,\"id\":2}"
                + "]"));
        assertEquals(2, response.size(), response.toString());
        assertResult(response.get(0), "1", "2");
        assertError(response.get(1), "2", -32600, "Invalid Request");
    }

    @Test
    void batchOverTheLimitIsRefusedWholeAndRunsNothing() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i <= JsonRpcEndpoint.MAX_BATCH; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":[1],\"id\":").append(i).append('}');
        }
        JsonNode error = assertError(parse(endpoint.handle(batch.append(']').toString())), "null", -32600, "Invalid Request");
        assertEquals("a batch may hold at most 100 requests; this one holds 101", error.get("message").textValue());
        assertTrue(handler.calls.isEmpty(), handler.calls.toString());
    }

    @Test
    void batchWhoseAnswersPassTheirBoundAnswersTheRestWithoutRunningThem() {
        String mebibyte = "{\"jsonrpc\":\"2.0\",\"method\":\"test.echo\",\"params\":{\"text\":\"x\",\"times\":1048576},\"id\":%d}";
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            batch.append(i == 0 ? "" : ",").append(mebibyte.formatted(i));
        }
        batch.append(",{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":[1]}]"); // a notification: not run, not answered
        JsonNode response = parse(endpoint.handle(batch.toString()));
        assertEquals(6, response.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(1 << 20, response.get(i).get("result").textValue().length());
        }
        for (int i = 4; i < 6; i++) {
            JsonNode error = assertError(response.get(i), Integer.toString(i), -32600, "Invalid Request");
            assertEquals("not run: the answers to this batch before it passed 4 MiB; send it again on its own or in a smaller batch",
                    error.get("message").textValue());
        }
        assertTrue(handler.calls.isEmpty(), handler.calls.toString());
    }

    @Test
    void nestedBatchIsAnInvalidRequestElement() {
        JsonNode response = parse(endpoint.handle("[[{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"id\":1}]]"));
        assertEquals(1, response.size(), response.toString());
        assertError(response.get(0), "null", -32600, "Invalid Request");
    }

    @Test
    void unknownNotificationInABatchIsSilent() {
        JsonNode response = parse(endpoint.handle("["
                + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"math.subtract\",\"params\":[1,1],\"id\":\"x\"}"
                + "]"));
        assertEquals(1, response.size(), response.toString());
        assertResult(response.get(0), "\"x\"", "0");
    }

    @Test
    void reservedRpcNamesThatAreNotServedAreMethodNotFound() {
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discovery\",\"id\":1}")), "1", -32601, "Method not found");
        assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.foo\",\"id\":1}")), "1", -32601, "Method not found");
    }

    @Test
    void javaMethodNamesAreNotCallable() {
        for (String name : List.of("notExported", "sum", "subtract", "hashCode", "toString", "getClass", "wait", "notify")) {
            assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"" + name + "\",\"id\":1}")),
                    "1", -32601, "Method not found");
        }
    }

    @Test
    void extraMembersOfARequestAreIgnored() {
        assertResult(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"math.subtract\",\"params\":[2,1],\"id\":1,\"x\":{}}")),
                "1", "1");
    }

    @Test
    void resultsWithNewlinesStayOnOneLine() {
        String response = endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"test.lines\",\"id\":1}");
        assertResult(parse(response), "1", "\"one\\ntwo\"");
    }

    @Test
    void staticErrorResponseHasNullId() {
        JsonNode response = parse(JsonRpcEndpoint.errorResponse(ErrorCode.INVALID_REQUEST, "frame longer than 1 MiB"));
        assertError(response, "null", -32600, "frame longer than 1 MiB");
        assertError(parse(JsonRpcEndpoint.errorResponse(ErrorCode.PARSE_ERROR, null)), "null", -32700, "Parse error");
    }

    @Test
    void notificationOfMissingParamsIsSilentAndDoesNotRun() {
        assertNull(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"notify.hello\"}"));
        assertNull(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"notify.hello\",\"params\":[\"7\"]}"));
        assertTrue(handler.calls.isEmpty(), handler.calls.toString());
    }
}
