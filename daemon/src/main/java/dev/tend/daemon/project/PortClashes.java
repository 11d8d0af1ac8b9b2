package dev.tend.daemon.project;

import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two services of a project given the same fixed port: only one can listen on it, so the other crash-loops with
 * "address in use" in its own log. Said as a warning, not refused: a project may keep two that never run together
 * (one with autostart: false as the other's stand-in).
 */
final class PortClashes {
    private PortClashes() {
    }

    static List<String> of(ProjectSpec spec) {
        Map<Integer, List<String>> byPort = new LinkedHashMap<>();
        for (ServiceSpec s : spec.services().values()) {
            if (!s.autoPort() && s.port() > 0) {
                byPort.computeIfAbsent(s.port(), p -> new ArrayList<>()).add(s.name());
            }
        }
        List<String> warnings = new ArrayList<>();
        byPort.forEach((port, names) -> {
            if (names.size() > 1) {
                warnings.add("services " + String.join(", ", names) + " all have port " + port + ": only one can "
                        + "listen on it at a time (the others fail with 'address in use')");
            }
        });
        return warnings;
    }
}
