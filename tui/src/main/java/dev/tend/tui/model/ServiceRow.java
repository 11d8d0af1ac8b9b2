package dev.tend.tui.model;

import dev.tend.protocol.ReplicaNames;
import dev.tend.protocol.json.JsonObjects;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service as the daemon last described it (a ServiceView on the wire).
 *
 * @param unhealthy "2/3" while its liveness checks fail in a row (the view's alive), else null
 * @param description the service's description: (one line), or null
 * @param summary     for the row of a replicated service's group (above its copies), "2/3 up"; null for a service
 */
public record ServiceRow(String project, String name, String state, Long pid, long restarts, Long exitCode,
                         String signal, Instant startedAt, Instant stateSince, double cpuPercent, long rssBytes,
                         Long port, String reason, String desired, String unhealthy, String description,
                         String summary) {

    public static ServiceRow from(Map<String, Object> m) {
        return new ServiceRow(
                JsonObjects.string(m, "project"),
                JsonObjects.string(m, "name"),
                orElse(JsonObjects.string(m, "state"), "unknown"),
                JsonObjects.numberOrNull(m, "pid"),
                JsonObjects.number(m, "restarts", 0),
                JsonObjects.numberOrNull(m, "exitCode"),
                JsonObjects.string(m, "signal"),
                instant(JsonObjects.string(m, "startedAt")),
                instant(JsonObjects.string(m, "stateSince")),
                JsonObjects.decimal(m, "cpuPercent"),
                JsonObjects.number(m, "rssBytes", 0),
                JsonObjects.numberOrNull(m, "port"),
                JsonObjects.string(m, "reason"),
                JsonObjects.string(m, "desired"),
                unhealthy(m.get("alive")),
                JsonObjects.string(m, "description"),
                null);
    }

    /**
     * The row of a replicated service above its copies (docs/project-file.md, "Replicas"): its ref (`project/api`)
     * acts on every copy and follows their logs; the summary says how many are up; restarts, CPU and memory are the
     * copies' added up. Its state, for colour and the readiness column, is "ready" when every copy is, else the state
     * of the first copy that is not up (a crashed copy colours the group).
     */
    public static ServiceRow group(String project, String name, List<ServiceRow> copies) {
        long restarts = 0;
        double cpu = 0;
        long rss = 0;
        String state = "ready";
        List<String> states = new ArrayList<>();
        for (ServiceRow c : copies) {
            states.add(c.state());
            restarts += c.restarts();
            cpu += c.isUp() ? c.cpuPercent() : 0;
            rss += c.isUp() ? c.rssBytes() : 0;
            if (state.equals("ready") && !c.state().equals("ready")) {
                state = c.state();
            }
        }
        String description = copies.isEmpty() ? null : copies.get(0).description();
        return new ServiceRow(project, name, state, null, restarts, null, null, null, null, cpu, rss, null, null, null,
                null, description, ReplicaNames.summary(states));
    }

    public boolean isGroup() {
        return summary != null;
    }

    /** For a copy (`api#2`), the name of its group (`api`); null otherwise. */
    public String groupName() {
        return ReplicaNames.groupOf(name);
    }

    private static String unhealthy(Object alive) {
        if (!(alive instanceof Map<?, ?>)) {
            return null;
        }
        Map<String, Object> a = JsonObjects.object(alive);
        long failures = JsonObjects.number(a, "failures", 0);
        return failures > 0 ? failures + "/" + JsonObjects.number(a, "allowed", 0) : null;
    }

    public ServiceRow withUsage(double cpu, long rss) {
        return new ServiceRow(project, name, state, pid, restarts, exitCode, signal, startedAt, stateSince, cpu, rss, port,
                reason, desired, unhealthy, description, summary);
    }

    /** "project/name", the ref every service method takes. */
    public String ref() {
        return project + "/" + name;
    }

    /** Whether a process is (or should soon be) alive: what uptime, CPU and memory mean anything for. */
    public boolean isUp() {
        return state.equals("running") || state.equals("ready") || state.equals("starting") || state.equals("stopping");
    }

    static Instant instant(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return null; // a daemon sending a time we cannot read should not take the screen down
        }
    }

    private static String orElse(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
