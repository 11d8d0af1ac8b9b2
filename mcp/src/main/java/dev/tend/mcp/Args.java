package dev.tend.mcp;

import java.util.Map;

/**
 * A tool call's arguments, read with the checks a model's call needs: a missing or mistyped argument is a
 * {@link ToolError} that names it, whatever the client validated before.
 */
final class Args {
    private final Map<String, Object> values;

    Args(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** The argument as the client sent it (a list, say), or null. */
    Object raw(String name) {
        return values.get(name);
    }

    String required(String name) {
        String v = string(name);
        if (v == null) {
            throw new ToolError("missing argument '" + name + "'");
        }
        return v;
    }

    /** A non-blank string, or null when absent or blank. */
    String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ToolError("argument '" + name + "' must be a string, not " + v);
        }
        return s.isBlank() ? null : s.trim();
    }

    int integer(String name, int fallback, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d{1,9}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw new ToolError("argument '" + name + "' must be a whole number, not " + v);
        }
        if (n < min || n > max) {
            throw new ToolError("argument '" + name + "' must be between " + min + " and " + max + ", not " + n);
        }
        return (int) n;
    }

    boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new ToolError("argument '" + name + "' must be true or false, not " + v);
    }
}
