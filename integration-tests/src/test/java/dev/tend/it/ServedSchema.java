package dev.tend.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's own OpenRPC document (rpc.discover), fetched once per test run, and what every answer and
 * notification an IT receives must fit: each method's result schema and error codes, each notification's params
 * (x-notifications). RawPeer (so EventPeer) and RecordingProxy (so the CLI's and the TUI's traffic) pass every line
 * through a {@link Conversation}: a field the daemon sends that its schema does not describe fails the test.
 */
final class ServedSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    /** The envelope's errors, which any request can get whatever its method. */
    private static final Set<Integer> ENVELOPE_CODES = Set.of(-32700, -32600, -32601);
    private static volatile ServedSchema served;

    private final JsonNode components;
    private final Map<String, Schema> results = new HashMap<>();
    private final Map<String, Set<Integer>> errors = new HashMap<>();
    private final Map<String, Schema> notifications = new HashMap<>();
    private final Map<Integer, String> errorNames = new HashMap<>();

    private ServedSchema(JsonNode document) {
        components = document.get("components");
        components.get("errors").fields().forEachRemaining(e -> errorNames.put(e.getValue().get("code").asInt(), e.getKey()));
        for (JsonNode m : document.get("methods")) {
            String name = m.get("name").asText();
            results.put(name, compile(m.get("result").get("schema")));
            Set<Integer> codes = new HashSet<>(ENVELOPE_CODES);
            for (JsonNode ref : m.get("errors")) {
                String errorName = ref.get("$ref").asText().replace("#/components/errors/", "");
                codes.add(components.get("errors").get(errorName).get("code").asInt());
            }
            errors.put(name, codes);
        }
        for (JsonNode n : document.get("x-notifications")) {
            ObjectNode params = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
            ArrayNode required = params.putArray("required");
            ObjectNode properties = params.putObject("properties");
            for (JsonNode p : n.get("params")) {
                properties.set(p.get("name").asText(), p.get("schema"));
                if (p.get("required").asBoolean()) {
                    required.add(p.get("name").asText());
                }
            }
            notifications.put(n.get("name").asText(), compile(params));
        }
    }

    /** The document the daemon at this socket serves, fetched on a connection of its own the first time. */
    static ServedSchema of(java.nio.file.Path socket) throws IOException {
        ServedSchema s = served;
        if (s == null) {
            synchronized (ServedSchema.class) {
                if (served == null) {
                    served = new ServedSchema(fetch(socket));
                }
                s = served;
            }
        }
        return s;
    }

    private static JsonNode fetch(java.nio.file.Path socket) throws IOException {
        try (RawPeer peer = new RawPeer(socket, null)) {
            JsonNode answer = JSON.readTree(peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":\"schema\",\"method\":\"rpc.discover\"}"));
            if (!answer.has("result")) {
                throw new AssertionError("rpc.discover failed: " + answer);
            }
            return answer.get("result");
        }
    }

    private Schema compile(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.set("allOf", JSON.createArrayNode().add(schema));
        root.set("components", components); // where the "#/components/schemas/..." refs point
        return REGISTRY.getSchema(root);
    }

    Conversation conversation() {
        return new Conversation();
    }

    /**
     * One connection's traffic: the requests sent tell which method each answer belongs to (by id; a test may reuse
     * an id, so every method still waiting under it is tried).
     */
    final class Conversation {
        private final Map<String, Deque<String>> waiting = new ConcurrentHashMap<>();

        /** A line the peer sent (anything that is not a request, e.g. a hostile test's garbage, is ignored). */
        void sent(String line) {
            JsonNode frame;
            try {
                frame = JSON.readTree(line);
            } catch (IOException notJson) {
                return;
            }
            for (JsonNode request : frame != null && frame.isArray() ? frame : List.of(frame == null ? JSON.nullNode() : frame)) {
                if (request.isObject() && request.path("method").isTextual() && request.has("id")) {
                    waiting.computeIfAbsent(request.get("id").toString(), k -> new ArrayDeque<>())
                            .addLast(request.get("method").asText());
                }
            }
        }

        /** What is wrong with a line the daemon sent; empty when it fits. */
        List<String> problems(String line) {
            List<String> problems = new ArrayList<>();
            JsonNode frame;
            try {
                frame = JSON.readTree(line);
            } catch (IOException e) {
                return List.of("not JSON: " + line);
            }
            if (frame != null && frame.isArray()) {
                frame.forEach(message -> check(message, problems));
            } else {
                check(frame, problems);
            }
            return problems;
        }

        private void check(JsonNode message, List<String> problems) {
            if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())) {
                problems.add("not a JSON-RPC 2.0 message: " + message);
                return;
            }
            if (message.has("method")) {
                Schema params = notifications.get(message.get("method").asText());
                if (params == null) {
                    problems.add("a notification rpc.discover does not describe: " + message);
                } else {
                    report(params.validate(message.path("params")), message, problems);
                }
                return;
            }
            if (!message.has("id") || message.has("result") == message.has("error")) {
                problems.add("a response needs an id and either result or error: " + message);
                return;
            }
            Deque<String> methods = waiting.get(message.get("id").toString());
            List<String> candidates = methods == null ? List.of() : List.copyOf(methods);
            if (message.has("error")) {
                JsonNode error = message.get("error");
                if (!error.path("code").isInt() || !error.path("message").isTextual()
                        || !errorNames.containsKey(error.get("code").asInt()) && !ENVELOPE_CODES.contains(error.get("code").asInt())) {
                    problems.add("an error needs a code of components.errors and a message: " + message);
                } else if (!candidates.isEmpty() && candidates.stream().noneMatch(m -> !errors.containsKey(m)
                        || errors.get(m).contains(error.get("code").asInt()))) {
                    problems.add(candidates + " answered " + errorNames.get(error.get("code").asInt())
                            + ", which rpc.discover does not list for it: " + message);
                }
                forget(methods, candidates.isEmpty() ? null : candidates.get(0));
                return;
            }
            List<String> failures = new ArrayList<>();
            for (String method : candidates) {
                Schema result = results.get(method);
                if (result == null) {
                    forget(methods, method); // rpc.discover itself, or no such method: nothing to hold it to
                    return;
                }
                List<Error> errs = result.validate(message.get("result"));
                if (errs.isEmpty()) {
                    forget(methods, method);
                    return;
                }
                failures.add(method + ": " + errs);
            }
            if (!failures.isEmpty()) {
                problems.add("a result that does not fit its schema " + failures + ": " + abbreviated(message));
            }
        }

        private void forget(Deque<String> methods, String method) {
            if (methods != null && method != null) {
                methods.removeFirstOccurrence(method);
            }
        }
    }

    private static void report(List<Error> errs, JsonNode message, List<String> problems) {
        if (!errs.isEmpty()) {
            problems.add(message.get("method").asText() + " does not fit its schema " + errs + ": " + abbreviated(message));
        }
    }

    private static String abbreviated(JsonNode message) {
        String text = message.toString();
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
