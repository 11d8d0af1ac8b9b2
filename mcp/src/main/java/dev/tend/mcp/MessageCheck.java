package dev.tend.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a line from the client is a JSON-RPC message the SDK's stdio transport can take. The SDK stops reading
 * stdin at the first one it cannot (not JSON, not an object, neither request, notification nor response): the
 * server then answers nothing more and never sees stdin's end. So such a line never reaches it; the client gets the
 * error JSON-RPC 2.0 says (-32700, -32600, with the request's id where one can be read) and the server goes on.
 * Pure.
 */
final class MessageCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What was read of one line: the message to pass on, or the answer to send instead. */
    record Verdict(JsonNode message, String refusal) {
        boolean passes() {
            return refusal == null;
        }
    }

    private MessageCheck() {
    }

    static Verdict of(byte[] line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return refuse(null, -32700, "Parse error: not JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            return refuse(null, -32700, "Parse error: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return refuse(null, -32600, "Invalid Request: a message is one JSON object (batches are not supported)");
        }
        JsonNode id = node.get("id");
        // MCP's ids are strings or integers; the SDK holds a number as a long, and stops reading at one it cannot
        // (4.5, 1.0, 2^63): never to answer again
        if (id != null && !id.isTextual() && !(id.isIntegralNumber() && id.canConvertToLong())) {
            return refuse(null, -32600, "Invalid Request: id must be a string or an integer");
        }
        if (!"2.0".equals(node.path("jsonrpc").asText(null)) || !node.path("jsonrpc").isTextual()) {
            return refuse(id, -32600, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = node.get("method");
        if (method == null) {
            if (id != null && (node.has("result") || node.has("error"))) {
                return new Verdict(node, null); // the client's answer to a request of the server's
            }
            return refuse(id, -32600, "Invalid Request: no method");
        }
        if (!method.isTextual()) {
            return refuse(id, -32600, "Invalid Request: method must be a string");
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isObject()) {
            return refuse(id, -32600, "Invalid Request: params must be an object");
        }
        String wrong = wrongParams(method.asText(), params == null ? JsonNodeFactory.instance.objectNode() : params);
        if (wrong != null) {
            return refuse(id, -32602, "Invalid params: " + wrong);
        }
        if ("resources/subscribe".equals(method.asText()) && !params.path("uri").asText().startsWith(Resources.SCHEME)) {
            // The SDK answers {} and the client waits for updates that never come. (A tend:// uri of a service not
            // there yet may be subscribed to: it can appear.)
            String uri = params.path("uri").asText();
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("uri", uri);
            return refuse(id, -32002, "Resource not found: " + uri + " is not a tend resource ("
                    + Resources.LOG_TEMPLATE.replace("{project}", "PROJECT").replace("{service}", "SERVICE") + ", "
                    + Resources.FILE_TEMPLATE.replace("{project}", "PROJECT") + ")", data);
        }
        return new Verdict(node, null);
    }

    /**
     * The params the SDK would fail to bind, with Jackson's words and class names as an Internal error: said here,
     * in the client's terms. Null when they are of the right kinds (what they mean is the server's to judge).
     */
    private static String wrongParams(String method, JsonNode params) {
        switch (method) {
            case "tools/call" -> {
                if (!params.path("name").isTextual()) {
                    return "name must be the tool's name (a string)";
                }
                JsonNode arguments = params.get("arguments");
                if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                    return "arguments must be an object of the tool's arguments";
                }
            }
            case "resources/read", "resources/subscribe", "resources/unsubscribe" -> {
                if (!params.path("uri").isTextual()) {
                    return "uri must be a string";
                }
            }
            default -> {
                // the SDK binds the others' params itself, or takes none
            }
        }
        return null;
    }

    private static Verdict refuse(JsonNode id, int code, String message) {
        return refuse(id, code, message, null);
    }

    private static Verdict refuse(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        ObjectNode error = answer.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return new Verdict(null, answer.toString());
    }
}
