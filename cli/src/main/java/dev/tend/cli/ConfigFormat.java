package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * project.config's answer as YAML in tend.yaml's own words (services and jobs keyed by name, snake_case keys, a probe
 * as `{ http: URL, ... }`), so it reads like the file. Absent and empty values are left out.
 */
final class ConfigFormat {

    /** A string YAML reads back as the same string without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./$%+=~-][^\\n\\r\\t]*");
    /** Plain text YAML would read as something else: a number, a boolean, null. */
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "[-+]?[0-9._]+([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|(?i:true|false|yes|no|on|off|y|n|null|~)");

    private ConfigFormat() {
    }

    static String format(Map<String, Object> config) {
        StringBuilder y = new StringBuilder();
        line(y, 0, "project", config.get("project"));
        line(y, 0, "dir", config.get("dir"));
        y.append("files:\n");
        for (Object f : JsonObjects.array(config.get("files"))) {
            y.append("  - ").append(scalar(f)).append('\n');
        }
        section(y, "services", config.get("services"));
        section(y, "jobs", config.get("jobs"));
        List<Object> warnings = config.get("warnings") == null ? List.of() : JsonObjects.array(config.get("warnings"));
        for (Object w : warnings) {
            y.append("# warning: ").append(w).append('\n');
        }
        return y.toString();
    }

    /** services: or jobs:, each item under its name. */
    private static void section(StringBuilder y, String key, Object items) {
        List<Object> list = items == null ? List.of() : JsonObjects.array(items);
        if (list.isEmpty()) {
            return;
        }
        y.append(key).append(":\n");
        for (Object item : list) {
            Map<String, Object> m = JsonObjects.object(item);
            y.append("  ").append(m.get("name")).append(":\n");
            m.forEach((k, v) -> {
                if (!k.equals("name")) {
                    line(y, 4, snake(k), v);
                }
            });
        }
    }

    private static void line(StringBuilder y, int indent, String key, Object value) {
        if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            return;
        }
        String pad = " ".repeat(indent);
        if (key.equals("ready") && value instanceof Map<?, ?>) {
            y.append(pad).append("ready: ").append(probe(JsonObjects.object(value))).append('\n');
        } else if (value instanceof Map<?, ?>) {
            y.append(pad).append(key).append(":\n");
            JsonObjects.object(value).forEach((k, v) -> y.append(pad).append("  ").append(k).append(": ")
                    .append(scalar(v)).append('\n'));
        } else if (value instanceof List<?> list) {
            y.append(pad).append(key).append(": [");
            for (int i = 0; i < list.size(); i++) {
                y.append(i > 0 ? ", " : "").append(scalar(list.get(i)));
            }
            y.append("]\n");
        } else {
            y.append(pad).append(key).append(": ").append(scalar(value)).append('\n');
        }
    }

    /** { http: "http://127.0.0.1:8080/", interval: 250ms, ... } as tend.yaml writes a probe. */
    private static String probe(Map<String, Object> p) {
        StringBuilder s = new StringBuilder("{ ").append(p.get("kind")).append(": ").append(scalar(p.get("target")));
        p.forEach((k, v) -> {
            if (!k.equals("kind") && !k.equals("target") && v != null) {
                s.append(", ").append(snake(k)).append(": ").append(scalar(v));
            }
        });
        return s.append(" }").toString();
    }

    /** Plain when YAML reads it back as the same string, else double-quoted (JSON's quoting is YAML's too). */
    static String scalar(Object value) {
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        boolean plain = PLAIN.matcher(s).matches() && !NOT_A_STRING.matcher(s).matches() && !s.contains(": ")
                && !s.contains(" #") && !s.endsWith(":") && !s.endsWith(" ") && !s.contains("{") && !s.contains("}")
                && !s.contains("[") && !s.contains("]") && !s.contains(",") && !s.contains("\"") && !s.contains("'");
        return plain ? s : Json.write(s);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
