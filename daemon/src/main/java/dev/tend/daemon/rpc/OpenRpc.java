package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.Version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenRPC document (spec 1.2.6) that {@value #DISCOVER} returns. Method names, params and which are required come
 * from the very method table the endpoint dispatches on; each method's result schema, the errors it can answer, the
 * views ({@code components/schemas}) and the notifications ({@code x-notifications}: OpenRPC has no slot for them)
 * come from {@value #SCHEMA_RESOURCE}, the one place the wire's shapes are written down (docs/protocol.md).
 * OpenRpcTest holds that file to the method table, to Methods' notification names and to the views as built.
 */
final class OpenRpc {

    static final String DISCOVER = "rpc.discover";
    static final String OPENRPC_VERSION = "1.2.6";
    static final String SCHEMA_RESOURCE = "protocol-schema.json";
    static final String NOTIFICATIONS = "x-notifications";

    /** Errors of the request envelope belong to no method; everything else any method may answer. */
    private static final List<ErrorCode> METHOD_ERRORS = List.of(ErrorCode.values()).stream()
            .filter(c -> c != ErrorCode.PARSE_ERROR && c != ErrorCode.INVALID_REQUEST
                    && c != ErrorCode.METHOD_NOT_FOUND)
            .toList();

    /** What any method of tend's can answer: bad params, a bug, or a daemon on its way out. */
    static final List<ErrorCode> EVERY_METHOD_ERRORS = List.of(ErrorCode.INVALID_PARAMS, ErrorCode.INTERNAL_ERROR,
            ErrorCode.SHUTTING_DOWN);

    private OpenRpc() {
    }

    /** The wire's shapes: {schemas, results, errors, notifications}. */
    static ObjectNode shapes(ObjectMapper mapper) {
        try (InputStream in = OpenRpc.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the daemon's jar");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    static ObjectNode document(Collection<RpcMethod> methods, ObjectMapper mapper) {
        ObjectNode shapes = shapes(mapper);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openrpc", OPENRPC_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", "tend");
        info.put("version", Version.current());
        info.put("description", "tend's daemon: JSON-RPC 2.0, one JSON value per line over a Unix socket. "
                + "Errors -32000..-32099 are tend's own (see components.errors): message says what went wrong in "
                + "words, data (when present) carries it structured. Notifications of events.subscribe are listed "
                + "under " + NOTIFICATIONS + ", each shaped like a method whose params are named. "
                + "Timestamps are ISO-8601 UTC with milliseconds (components.schemas.Timestamp).");
        ArrayNode list = doc.putArray("methods");
        methods.stream().sorted(Comparator.comparing(RpcMethod::name))
                .forEach(m -> list.add(method(m, shapes, mapper)));
        ObjectNode components = doc.putObject("components");
        components.set("schemas", shapes.get("schemas").deepCopy());
        ObjectNode errors = components.putObject("errors");
        for (ErrorCode code : METHOD_ERRORS) {
            errors.set(code.name(), error(code, mapper));
        }
        ArrayNode notifications = doc.putArray(NOTIFICATIONS);
        shapes.get("notifications").fields().forEachRemaining(e -> notifications.add(notification(e.getKey(),
                e.getValue(), mapper)));
        return doc;
    }

    private static ObjectNode method(RpcMethod m, ObjectNode shapes, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", m.name());
        node.put("paramStructure", m.paramNames() == null ? "by-position" : "either");
        ArrayNode params = node.putArray("params");
        Type[] types = m.method().getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            ObjectNode p = params.addObject();
            p.put("name", m.paramNames() == null ? "arg" + i : m.paramNames().get(i));
            p.put("required", m.required().get(i));
            p.set("schema", schema(types[i], mapper));
        }
        ObjectNode result = node.putObject("result");
        result.put("name", "result");
        JsonNode described = shapes.get("results").get(m.name());
        // a handler of tend's own has its result written down (OpenRpcTest); another (a test's) gets its Java type's
        result.set("schema", described != null ? described.deepCopy() : schema(m.method().getGenericReturnType(), mapper));
        ArrayNode errors = node.putArray("errors");
        JsonNode own = shapes.get("errors").get(m.name());
        List<ErrorCode> codes = own == null ? METHOD_ERRORS : errors(own);
        for (ErrorCode code : codes) {
            errors.addObject().put("$ref", "#/components/errors/" + code.name());
        }
        return node;
    }

    /** The method's own errors as written down, then those every method can answer. */
    private static List<ErrorCode> errors(JsonNode own) {
        Set<ErrorCode> codes = new LinkedHashSet<>();
        own.forEach(name -> codes.add(ErrorCode.valueOf(name.asText())));
        codes.addAll(EVERY_METHOD_ERRORS);
        return List.copyOf(codes);
    }

    private static ObjectNode notification(String name, JsonNode described, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", name);
        node.put("description", described.get("description").asText());
        node.put("paramStructure", "by-name");
        ArrayNode params = node.putArray("params");
        ObjectNode subscription = params.addObject();
        subscription.put("name", "subscription");
        subscription.put("required", true);
        subscription.putObject("schema").put("type", "string")
                .put("description", "The id events.subscribe answered.");
        described.get("params").fields().forEachRemaining(e -> {
            ObjectNode p = params.addObject();
            p.put("name", e.getKey());
            p.put("required", true);
            p.set("schema", e.getValue().deepCopy());
        });
        return node;
    }

    private static ObjectNode error(ErrorCode code, ObjectMapper mapper) {
        ObjectNode e = mapper.createObjectNode();
        e.put("code", code.code());
        e.put("message", code.defaultMessage());
        return e;
    }

    /** A JSON Schema for a Java type as Jackson reads and writes it. */
    static ObjectNode schema(Type type, ObjectMapper mapper) {
        ObjectNode s = mapper.createObjectNode();
        if (type instanceof WildcardType w) {
            return schema(w.getUpperBounds()[0], mapper);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                s.put("type", "array");
                s.set("items", schema(args[0], mapper));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                ObjectNode values = schema(args[1], mapper);
                if (!values.isEmpty()) {
                    s.set("additionalProperties", values);
                }
                return s;
            }
            return schema(raw, mapper);
        }
        if (!(type instanceof Class<?> c)) {
            return s; // a type variable: anything
        }
        if (c == String.class || c.isEnum()) {
            s.put("type", "string");
        } else if (c == Integer.class || c == int.class || c == Long.class || c == long.class
                || c == Short.class || c == short.class) {
            s.put("type", "integer");
        } else if (Number.class.isAssignableFrom(c) || c == double.class || c == float.class) {
            s.put("type", "number");
        } else if (c == Boolean.class || c == boolean.class) {
            s.put("type", "boolean");
        } else if (c.isArray()) {
            s.put("type", "array");
            s.set("items", schema(c.getComponentType(), mapper));
        } else if (Collection.class.isAssignableFrom(c)) {
            s.put("type", "array");
        } else if (Map.class.isAssignableFrom(c)) {
            s.put("type", "object");
        } else if (c == void.class || c == Void.class) {
            s.put("type", "null");
        }
        // Object and other classes: any JSON value
        return s;
    }
}
