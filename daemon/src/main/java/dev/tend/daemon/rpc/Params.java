package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tend.protocol.ErrorCode;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Iterator;

/**
 * Binds a call's params to its method's arguments, once: count, names, required and not null, then each value read
 * by the strict mapper into its parameter's type. Left-out optional params are null. Every failure is an
 * {@link RpcException} with -32602 and words naming the parameter (docs/protocol.md, Errors).
 */
final class Params {

    private Params() {
    }

    /** The arguments to call {@code method} with; {@code params} is null when the request left them out. */
    static Object[] bind(RpcMethod method, JsonNode params) {
        if (params == null) {
            return positional(method, null);
        }
        if (params.isArray()) {
            return positional(method, (ArrayNode) params);
        }
        return named(method, (ObjectNode) params);
    }

    private static Object[] positional(RpcMethod method, ArrayNode given) {
        int count = given == null ? 0 : given.size();
        if (method.varargs()) {
            return new Object[] {varargs(method, given, "params")};
        }
        if (count > method.arity()) {
            throw invalid("expected at most " + method.arity() + " params, got " + count);
        }
        Object[] args = new Object[method.arity()];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(method, i, i < count ? given.get(i) : null);
        }
        return args;
    }

    private static Object[] named(RpcMethod method, ObjectNode given) {
        if (method.paramNames() == null) {
            throw invalid("this method takes its params by position (an array), not by name");
        }
        for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!method.paramNames().contains(name)) {
                throw invalid("unknown parameter '" + name + "'; expected " + method.paramNames());
            }
        }
        Object[] args = new Object[method.arity()];
        for (int i = 0; i < args.length; i++) {
            String name = method.paramNames().get(i);
            JsonNode value = given.get(name);
            if (method.varargs() && value != null && !value.isNull()) {
                if (!value.isArray()) {
                    throw invalid("parameter '" + name + "' must be an array");
                }
                args[i] = varargs(method, (ArrayNode) value, "parameter '" + name + "'");
            } else {
                args[i] = value(method, i, value);
            }
        }
        return args;
    }

    /** One parameter's argument: null when it is optional and left out or null. */
    private static Object value(RpcMethod method, int index, JsonNode value) {
        if (value == null || value.isNull()) {
            if (method.required().get(index)) {
                throw invalid(value == null ? "missing required parameter " + method.describe(index)
                        : "parameter " + method.describe(index) + " must not be null");
            }
            return null;
        }
        try {
            return method.readers().get(index).readValue(value);
        } catch (IOException e) {
            throw invalid("parameter " + method.describe(index) + ": " + JsonKinds.bindingFailure(e));
        }
    }

    /** The array a varargs method takes, each element read on its own so a failure names its index. */
    private static Object varargs(RpcMethod method, ArrayNode elements, String where) {
        Class<?> elementType = method.method().getParameterTypes()[0].getComponentType();
        int count = elements == null ? 0 : elements.size();
        Object array = Array.newInstance(elementType, count);
        for (int i = 0; i < count; i++) {
            JsonNode element = elements.get(i);
            try {
                Object value = method.readers().get(0).readValue(element);
                if (value == null && elementType.isPrimitive()) {
                    throw new IllegalArgumentException("null");
                }
                Array.set(array, i, value);
            } catch (IOException | IllegalArgumentException e) {
                throw invalid(where + "[" + i + "]: expected " + JsonKinds.of(elementType)
                        + ", got " + JsonKinds.of(element));
            }
        }
        return array;
    }

    static RpcException invalid(String detail) {
        return new RpcException(ErrorCode.INVALID_PARAMS, detail);
    }
}
