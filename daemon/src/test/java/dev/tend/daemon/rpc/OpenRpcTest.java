package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenRpcTest {

    private static JsonNode discover(JsonRpcEndpoint endpoint) {
        JsonNode response = RpcAssertions.parse(endpoint.handle("{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":7}"));
        assertEquals(7, response.get("id").asInt(), response.toString());
        return response.get("result");
    }

    /**
     * The endpoint the daemon serves, its collaborators left null: the method table comes from the class and
     * rpc.discover calls none of them. Built reflectively so new constructor parameters need no change here.
     */
    private static JsonRpcEndpoint tendEndpoint() {
        Constructor<?> constructor = TendRpc.class.getConstructors()[0];
        Object[] args = new Object[constructor.getParameterCount()];
        try {
            return new JsonRpcEndpoint(RpcMapper.create(), constructor.newInstance(args));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build TendRpc with null collaborators", e);
        }
    }

    @Test
    void discoverTakesNoParamsAndRefusesSomeAsEveryMethodRefusesUnknownOnes() {
        JsonRpcEndpoint endpoint = tendEndpoint();
        for (String params : List.of("{}", "[]")) {
            JsonNode ok = RpcAssertions.parse(endpoint.handle(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"params\":" + params + ",\"id\":1}"));
            assertTrue(ok.has("result"), ok.toString());
        }
        for (String params : List.of("{\"verbose\":true}", "[1]")) {
            JsonNode refused = RpcAssertions.parse(endpoint.handle(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"params\":" + params + ",\"id\":2}"));
            assertEquals(-32602, refused.path("error").path("code").asInt(), refused.toString());
            assertEquals("rpc.discover takes no params", refused.path("error").path("message").asText(),
                    refused.toString());
        }
    }

    @Test
    void everyDispatchedMethodIsDescribed() {
        JsonRpcEndpoint endpoint = tendEndpoint();
        JsonNode doc = discover(endpoint);
        assertEquals("1.2.6", doc.get("openrpc").asText());
        Set<String> described = new HashSet<>();
        doc.get("methods").forEach(m -> described.add(m.get("name").asText()));
        assertEquals(endpoint.methodNames(), described);
        assertTrue(described.contains("project.export"));
    }

    @Test
    void paramsCarryNamesRequirednessAndSchemasFromTheJavaSignature() {
        JsonNode doc = discover(tendEndpoint());
        JsonNode up = method(doc, "project.up");
        JsonNode services = param(up, "services");
        assertFalse(services.get("required").asBoolean());
        assertEquals("array", services.get("schema").get("type").asText());
        assertEquals("string", services.get("schema").get("items").get("type").asText());
        JsonNode env = param(up, "env");
        assertEquals("object", env.get("schema").get("type").asText());
        assertEquals("string", env.get("schema").get("additionalProperties").get("type").asText());
        assertEquals("integer", param(up, "waitSeconds").get("schema").get("type").asText());
        assertEquals("boolean", param(up, "wait").get("schema").get("type").asText());

        JsonNode signal = method(doc, "service.signal");
        assertTrue(param(signal, "ref").get("required").asBoolean());
        assertEquals("#/components/schemas/ServiceAnswer", signal.get("result").get("schema").get("$ref").asText());
    }

    @Test
    void errorsReferToTheApplicationCodes() {
        JsonNode doc = discover(tendEndpoint());
        assertEquals(-32001, doc.get("components").get("errors").get("NOT_FOUND").get("code").asInt());
        JsonNode refs = method(doc, "service.start").get("errors");
        Set<String> named = new HashSet<>();
        refs.forEach(r -> named.add(r.get("$ref").asText()));
        assertTrue(named.contains("#/components/errors/INVALID_PARAMS"), named.toString());
        assertTrue(named.contains("#/components/errors/NOT_FOUND"), named.toString());
        assertFalse(named.contains("#/components/errors/PARSE_ERROR"), named.toString());
    }

    @Test
    void anyHandlerIsDescribedByPosition() {
        JsonNode doc = discover(new JsonRpcEndpoint(RpcAssertions.MAPPER, new TestHandler()));
        assertTrue(doc.get("methods").size() > 0);
    }

    private static JsonNode method(JsonNode doc, String name) {
        for (JsonNode m : doc.get("methods")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no method " + name + " in " + doc);
    }

    private static JsonNode param(JsonNode method, String name) {
        for (JsonNode p : method.get("params")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no param " + name + " in " + method);
    }
}
