package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tend.daemon.rpc.RpcAssertions.assertError;
import static dev.tend.daemon.rpc.RpcAssertions.assertResult;
import static dev.tend.daemon.rpc.RpcAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding params: no coercion, no unknown names, required means present and not null. */
class JsonRpcEndpointParamsTest {

    private final TestHandler handler = new TestHandler();
    private final JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcAssertions.MAPPER, handler);

    private JsonNode call(String method, String params) {
        return parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}"));
    }

    /** Asserts -32602 and that error.data says {@code detailPart}. */
    private void assertInvalidParams(String method, String params, String detailPart) {
        JsonNode error = assertError(call(method, params), "1", -32602, "Invalid params");
        assertTrue(error.path("message").asText().contains(detailPart), params + " -> " + error);
        assertTrue(handler.calls.isEmpty(), "handler must not run: " + handler.calls);
    }

    @Test
    void numbersGivenAsStringsAreNotIntegers() {
        assertInvalidParams("math.subtract", "[\"42\", 23]", "'minuend'");
        assertInvalidParams("math.subtract", "{\"minuend\": 42, \"subtrahend\": \"23\"}", "'subtrahend'");
        assertInvalidParams("math.sum", "[1, \"2\"]", "params[1]: expected an integer, got a string");
    }

    @Test
    void fractionsAreNotIntegers() {
        assertInvalidParams("math.subtract", "[4.5, 1]", "expected an integer");
        assertInvalidParams("math.sum", "[1, 2.5]", "params[1]");
        assertInvalidParams("math.total", "{\"numbers\": [1, 2.0]}", "'numbers'");
    }

    @Test
    void nullIsNotAnInteger() {
        assertInvalidParams("math.subtract", "[null, 1]", "'minuend' must not be null");
        assertInvalidParams("math.sum", "[1, null]", "params[1]");
        assertInvalidParams("math.total", "{\"numbers\": [1, null]}", "'numbers'");
    }

    @Test
    void integersOutOfRangeAreInvalid() {
        assertInvalidParams("math.subtract", "[3000000000, 1]", "'minuend'");
        assertInvalidParams("math.sum", "[3000000000]", "params[0]");
        assertInvalidParams("test.greet", "{\"person\": {\"name\": \"ada\", \"age\": 3000000000}}", "'person': number out of range at 'age'");
    }

    @Test
    void booleansAndNumbersDoNotStandInForEachOtherOrForStrings() {
        assertInvalidParams("test.flag", "[1]", "'on'");
        assertInvalidParams("test.flag", "[\"true\"]", "'on'");
        assertInvalidParams("math.subtract", "[true, 1]", "'minuend'");
        assertInvalidParams("test.echo", "[5]", "'text'");
        assertInvalidParams("test.echo", "[\"a\", \"2\"]", "'times'");
        assertResult(call("test.flag", "{\"on\": true}"), "1", "true");
    }

    @Test
    void aSingleValueIsNotAList() {
        assertInvalidParams("math.total", "{\"numbers\": 5}", "'numbers'");
        assertInvalidParams("math.total", "[5]", "expected an array");
        assertResult(call("math.total", "[[5, 6]]"), "1", "11");
    }

    @Test
    void missingRequiredParamsAreInvalid() {
        assertInvalidParams("math.subtract", "{\"minuend\": 42}", "missing required parameter 'subtrahend'");
        assertInvalidParams("math.subtract", "[42]", "missing required parameter 'subtrahend'");
        assertInvalidParams("math.subtract", "[]", "missing required parameter 'minuend'");
        JsonNode error = assertError(parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"math.subtract\",\"id\":1}")),
                "1", -32602, "Invalid params");
        assertTrue(error.get("message").asText().contains("'minuend'"), error.toString());
    }

    @Test
    void unknownNamesAndSurplusPositionsAreInvalid() {
        assertInvalidParams("math.subtract", "{\"minuend\": 42, \"subtrahend\": 1, \"extra\": 0}", "unknown parameter 'extra'");
        assertInvalidParams("math.subtract", "[1, 2, 3]", "at most 2 params, got 3");
        assertInvalidParams("test.data", "[1]", "at most 0 params");
        assertInvalidParams("test.data", "{\"x\": 1}", "unknown parameter 'x'");
    }

    @Test
    void byPositionOnlyMethodsRefuseNamedParams() {
        assertInvalidParams("math.sum", "{\"numbers\": [1]}", "by position");
    }

    @Test
    void unknownAndMistypedFieldsOfObjectParamsAreInvalid() {
        assertResult(call("test.greet", "{\"person\": {\"name\": \"ada\", \"age\": 36}}"), "1", "\"ada is 36\"");
        assertInvalidParams("test.greet", "{\"person\": {\"name\": \"ada\", \"age\": 36, \"admin\": true}}", "unknown field 'admin'");
        assertInvalidParams("test.greet", "{\"person\": {\"name\": \"ada\", \"age\": \"36\"}}", "expected an integer at 'age'");
        assertInvalidParams("test.greet", "{\"person\": {\"name\": \"ada\", \"age\": null}}", "'age'");
        assertInvalidParams("test.greet", "{\"person\": [\"ada\", 36]}", "'person'");
    }

    @Test
    void optionalParamsMayBeLeftOutOrNull() {
        assertResult(call("test.echo", "{\"text\": \"ab\"}"), "1", "\"ab\"");
        assertResult(call("test.echo", "{\"text\": \"ab\", \"times\": null}"), "1", "\"ab\"");
        assertResult(call("test.echo", "{\"text\": \"ab\", \"times\": 3}"), "1", "\"ababab\"");
        assertResult(call("test.echo", "[\"ab\"]"), "1", "\"ab\"");
        assertResult(call("test.echo", "[\"ab\", 2]"), "1", "\"abab\"");
        assertInvalidParams("test.echo", "{\"times\": 2}", "missing required parameter 'text'");
    }

    @Test
    void varargsTakeAnyNumberOfPositionalParams() {
        for (String params : List.of("[]", "[5]", "[1,2,4]")) {
            JsonNode response = call("math.sum", params);
            assertTrue(response.has("result"), params + " -> " + response);
        }
        assertResult(call("math.sum", "[1,2,4]"), "1", "7");
        assertResult(call("math.sum", "[]"), "1", "0");
        handler.calls.clear();
        assertInvalidParams("math.sum", "[[1, 2]]", "params[0]: expected an integer, got an array");
    }
}
