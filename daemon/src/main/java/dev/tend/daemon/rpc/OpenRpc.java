package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.Version;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The OpenRPC document (spec 1.2.6) that {@value #DISCOVER} returns, built from the very method table
 * the endpoint dispatches on: names, parameter names, which are required, and JSON Schemas derived from
 * the Java parameter and result types. Nothing here is kept by hand, so it cannot drift from what runs.
 */
final class OpenRpc {

    static final String DISCOVER = "rpc.discover";
    static final String OPENRPC_VERSION = "1.2.6";

    /** Errors of the request envelope belong to no method; everything else any method may answer. */
    private static final List<ErrorCode> METHOD_ERRORS = List.of(ErrorCode.values()).stream()
            .filter(c -> c != ErrorCode.PARSE_ERROR && c != ErrorCode.INVALID_REQUEST
                    && c != ErrorCode.METHOD_NOT_FOUND)
            .toList();

    private OpenRpc() {
    }

    static ObjectNode document(Collection<RpcMethod> methods, ObjectMapper mapper) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openrpc", OPENRPC_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", "tend");
        info.put("version", Version.current());
        info.put("description", "tend's daemon: JSON-RPC 2.0, one JSON value per line over a Unix socket. "
                + "Errors -32000..-32099 are tend's own (see components.errors).");
        ArrayNode list = doc.putArray("methods");
        methods.stream().sorted(Comparator.comparing(RpcMethod::name)).forEach(m -> list.add(method(m, mapper)));
        ObjectNode errors = doc.putObject("components").putObject("errors");
        for (ErrorCode code : METHOD_ERRORS) {
            errors.set(code.name(), error(code, mapper));
        }
        return doc;
    }

    private static ObjectNode method(RpcMethod m, ObjectMapper mapper) {
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
        result.set("schema", schema(resultType(m.method()), mapper));
        ArrayNode errors = node.putArray("errors");
        for (ErrorCode code : METHOD_ERRORS) {
            errors.addObject().put("$ref", "#/components/errors/" + code.name());
        }
        return node;
    }

    private static Type resultType(Method method) {
        return method.getGenericReturnType();
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
