package dev.tend.it;

import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a request's params against one method of the daemon's OpenRPC document (rpc.discover). */
final class RequestSchema {
    private RequestSchema() {
    }

    /** What is wrong with these params for this method (null: the daemon has no such method); empty when nothing. */
    static List<String> problems(Map<String, Object> method, Object params) {
        List<String> problems = new ArrayList<>();
        if (method == null) {
            problems.add("the daemon has no such method");
            return problems;
        }
        Map<String, Object> given = params == null ? Map.of() : params instanceof Map<?, ?> ? JsonObjects.object(params) : null;
        if (given == null) {
            problems.add("params by position: tend's peers name them");
            return problems;
        }
        List<Object> declared = JsonObjects.array(method.get("params"));
        for (String name : given.keySet()) {
            if (declared.stream().noneMatch(d -> name.equals(JsonObjects.object(d).get("name")))) {
                problems.add("unknown parameter '" + name + "'");
            }
        }
        for (Object d : declared) {
            Map<String, Object> param = JsonObjects.object(d);
            String name = JsonObjects.string(param, "name");
            Object value = given.get(name);
            if (value == null) {
                if (JsonObjects.bool(param, "required")) {
                    problems.add("required parameter '" + name + "' is missing");
                }
                continue;
            }
            String mismatch = mismatch(JsonObjects.object(param.get("schema")), value, name);
            if (mismatch != null) {
                problems.add(mismatch);
            }
        }
        return problems;
    }

    /** Why the value does not fit the JSON Schema (types, array items, object values), or null when it does. */
    static String mismatch(Map<String, Object> schema, Object value, String where) {
        Object type = schema.get("type");
        if (type == null) {
            return null;
        }
        boolean fits = switch (type.toString()) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            case "null" -> false;
            default -> true;
        };
        if (!fits) {
            return where + ": expected " + type + ", got " + value;
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                String m = mismatch(JsonObjects.object(items), list.get(i), where + "[" + i + "]");
                if (m != null) {
                    return m;
                }
            }
        }
        if (value instanceof Map<?, ?> map && schema.get("additionalProperties") instanceof Map<?, ?> values) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String m = mismatch(JsonObjects.object(values), e.getValue(), where + "." + e.getKey());
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }
}
