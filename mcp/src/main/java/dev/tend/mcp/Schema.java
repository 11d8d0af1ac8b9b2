package dev.tend.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's input schema (JSON Schema, an object of named properties), built property by property. */
final class Schema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    Schema string(String name, String description) {
        properties.put(name, Map.of("type", "string", "description", description));
        return this;
    }

    Schema requiredString(String name, String description) {
        required.add(name);
        return string(name, description);
    }

    Schema integer(String name, String description, int min, int max) {
        properties.put(name, Map.of("type", "integer", "description", description, "minimum", min, "maximum", max));
        return this;
    }

    Schema bool(String name, String description) {
        properties.put(name, Map.of("type", "boolean", "description", description));
        return this;
    }

    Schema stringEnum(String name, String description, String... values) {
        properties.put(name, Map.of("type", "string", "description", description, "enum", List.of(values)));
        return this;
    }

    Schema stringList(String name, String description) {
        properties.put(name, Map.of("type", "array", "items", Map.of("type", "string"), "description", description));
        return this;
    }

    Map<String, Object> build() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }
}
