package dev.tend.cli;

import dev.tend.protocol.json.JsonObjects;

import java.time.Duration;
import java.util.Map;

/** daemon.status as text. Pure. */
final class DaemonStatusFormat {
    private DaemonStatusFormat() {
    }

    static String format(Map<String, Object> s) {
        return format(s, null);
    }

    /** @param login the login service as {@link LoginService.Status#describe()} says it, or null for no row */
    static String format(Map<String, Object> s, String login) {
        StringBuilder sb = new StringBuilder();
        sb.append("tend daemon ").append(s.get("version")).append(" is running\n");
        row(sb, "pid", s.get("pid"));
        row(sb, "instance", s.get("instance"));
        row(sb, "uptime", Durations.human(Duration.ofMillis(JsonObjects.number(s, "uptimeMillis", 0))));
        String socket = s.get("socket") + " (" + s.get("transport") + ")";
        if (JsonObjects.bool(s, "socketShortened")) {
            socket += "; a short hashed name: the natural path is over the platform's socket path limit";
        }
        row(sb, "socket", socket);
        row(sb, "state dir", s.get("stateDir"));
        row(sb, "peers", s.get("connections"));
        if (s.get("startedBy") instanceof String by) {
            row(sb, "started by", startedBy(by));
        }
        if (login != null) {
            row(sb, "login", login);
        }
        if (s.get("services") instanceof Map<?, ?> services) {
            row(sb, "services", services.get("running") + " running of " + services.get("total")
                    + " in " + services.get("projects") + " projects");
        }
        return sb.toString();
    }

    /** daemon.status startedBy for people. */
    static String startedBy(String by) {
        return by.equals("client") ? "a client (auto-start) or `tend daemon run`" : "the login service (" + by + ")";
    }

    private static void row(StringBuilder sb, String label, Object value) {
        sb.append("  ").append(String.format("%-10s", label)).append(' ').append(value).append('\n');
    }
}
