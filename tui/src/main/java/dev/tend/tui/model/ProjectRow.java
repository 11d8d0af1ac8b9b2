package dev.tend.tui.model;

import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A registered project (a ProjectView on the wire).
 *
 * @param problem why it cannot run as registered (its file is gone), or null
 */
public record ProjectRow(String name, String dir, String file, List<String> services, String problem) {

    public static ProjectRow from(Map<String, Object> m) {
        List<String> names = new ArrayList<>();
        Object s = m.get("services");
        if (s instanceof List<?> l) {
            for (Object o : l) {
                names.add(String.valueOf(o));
            }
        }
        return new ProjectRow(JsonObjects.string(m, "name"), JsonObjects.string(m, "dir"),
                JsonObjects.string(m, "file"), List.copyOf(names), JsonObjects.string(m, "problem"));
    }
}
