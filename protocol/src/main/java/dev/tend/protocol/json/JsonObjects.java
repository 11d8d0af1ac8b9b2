package dev.tend.protocol.json;

import java.util.List;
import java.util.Map;

/** Typed reads from parsed JSON objects, for turning wire maps into views. */
public final class JsonObjects {
    private JsonObjects() {
    }

    public static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    public static long number(Map<String, Object> m, String key, long fallback) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    public static Long numberOrNull(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.longValue() : null;
    }

    public static double decimal(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    public static boolean bool(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new JsonException("expected a JSON object, got " + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object v) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new JsonException("expected a JSON array");
    }
}
