package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonUtil;
import dev.tend.protocol.ErrorCode;

import java.lang.reflect.Array;
import java.util.Iterator;

/**
 * Checks a call's params against its method's shape (count, names, required, varargs elements) and
 * fills in left-out optional params with null, so that jsonrpc4j, kept strict about counts, binds
 * exactly the one method. jsonrpc4j itself would answer most of these with a bare "Invalid params",
 * pass Java methods' own names through, or fail varargs elements as internal errors.
 */
final class Params {

    private Params() {
    }

    /** The params to hand to jsonrpc4j; {@code params} is null when the request left them out. */
    static JsonNode normalize(RpcMethod method, JsonNode params, ObjectMapper mapper) {
        if (params == null) {
            return normalizePositional(method, mapper.createArrayNode(), mapper);
        }
        if (params.isArray()) {
            return normalizePositional(method, (ArrayNode) params, mapper);
        }
        return normalizeNamed(method, (ObjectNode) params, mapper);
    }

    private static JsonNode normalizePositional(RpcMethod method, ArrayNode given, ObjectMapper mapper) {
        if (method.varargs()) {
            checkVarargs(method, given, "params", mapper);
            return given;
        }
        if (given.size() > method.arity()) {
            throw invalid("expected at most " + method.arity() + " params, got " + given.size());
        }
        ArrayNode complete = mapper.createArrayNode();
        for (int i = 0; i < method.arity(); i++) {
            JsonNode value = i < given.size() ? given.get(i) : null;
            checkPresence(method, i, value);
            complete.add(value == null ? NullNode.getInstance() : value);
        }
        return complete;
    }

    private static JsonNode normalizeNamed(RpcMethod method, ObjectNode given, ObjectMapper mapper) {
        if (method.paramNames() == null) {
            throw invalid("this method takes its params by position (an array), not by name");
        }
        for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!method.paramNames().contains(name)) {
                throw invalid("unknown parameter '" + name + "'; expected " + method.paramNames());
            }
        }
        ObjectNode complete = mapper.createObjectNode();
        for (int i = 0; i < method.arity(); i++) {
            String name = method.paramNames().get(i);
            JsonNode value = given.get(name);
            checkPresence(method, i, value);
            if (method.varargs() && value != null && !value.isNull()) {
                if (!value.isArray()) {
                    throw invalid("parameter '" + name + "' must be an array");
                }
                checkVarargs(method, (ArrayNode) value, "parameter '" + name + "'", mapper);
            }
            complete.set(name, value == null ? NullNode.getInstance() : value);
        }
        return complete;
    }

    private static void checkPresence(RpcMethod method, int index, JsonNode value) {
        if (!method.required().get(index)) {
            return;
        }
        if (value == null) {
            throw invalid("missing required parameter " + method.describe(index));
        }
        if (value.isNull()) {
            throw invalid("parameter " + method.describe(index) + " must not be null");
        }
    }

    /**
     * jsonrpc4j converts each varargs element by its JSON type, not by the array's element type, and
     * stores it with {@link Array#set}; an element that does not fit would fail inside the invocation and
     * come out as an internal error. Doing the same conversion here turns that into invalid params.
     */
    private static void checkVarargs(RpcMethod method, ArrayNode elements, String where, ObjectMapper mapper) {
        Class<?> elementType = method.method().getParameterTypes()[0].getComponentType();
        Object probe = Array.newInstance(elementType, 1);
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            try {
                Array.set(probe, 0, mapper.convertValue(element, JsonUtil.getJavaTypeForJsonType(element)));
            } catch (IllegalArgumentException | ArrayStoreException e) {
                throw invalid(where + "[" + i + "]: expected " + JsonKinds.of(elementType)
                        + ", got " + JsonKinds.of(element));
            }
        }
    }

    static RpcException invalid(String detail) {
        return new RpcException(ErrorCode.INVALID_PARAMS, detail);
    }
}
