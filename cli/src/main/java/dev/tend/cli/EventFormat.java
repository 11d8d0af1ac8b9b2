package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Notifications as output lines: NDJSON ({method, params}) for scripts, or a readable line. Pure. */
final class EventFormat {
    /** The states a run ends in: the ones whose line says how (exit code or signal). */
    private static final Set<String> ENDINGS = Set.of("crashed", "exited", "failed", "stopped", "completed");

    private EventFormat() {
    }

    static String json(String method, Map<String, Object> params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("params", params);
        return Json.write(m);
    }

    /** One line per event; a log.appended gives one line per log line. */
    static List<String> readable(String method, Map<String, Object> params, ZoneId zone) {
        Object seq = params.get("seq");
        String at = seq != null ? "#" + seq + " " : "";
        List<String> out = new ArrayList<>();
        switch (method) {
            case Methods.SERVICE_CHANGED -> out.add(at + service(JsonObjects.object(params.get("service"))));
            case Methods.SERVICE_REMOVED -> out.add(at + params.get("project") + "/" + params.get("name") + " removed");
            case Methods.PROJECT_CHANGED -> {
                Map<String, Object> p = JsonObjects.object(params.get("project"));
                out.add(at + "project " + p.get("name") + ": " + (p.get("problem") != null ? p.get("problem")
                        : String.join(", ", strings(p.get("services")))));
            }
            case Methods.PROJECT_REMOVED -> out.add(at + "project " + params.get("name") + " forgotten");
            case Methods.JOB_CHANGED -> {
                Map<String, Object> j = JsonObjects.object(params.get("job"));
                out.add(at + "job " + j.get("project") + "/" + j.get("name") + " " + j.get("state")
                        + (j.get("nextRun") != null ? ", next run " + j.get("nextRun") : ""));
            }
            case Methods.JOB_REMOVED -> out.add(at + "job " + params.get("project") + "/" + params.get("name") + " removed");
            case Methods.LOG_APPENDED -> {
                for (Object o : JsonObjects.array(params.get("lines"))) {
                    Map<String, Object> line = new LinkedHashMap<>(JsonObjects.object(o));
                    line.put("service", line.get("project") + "/" + line.get("service"));
                    out.add(LogLineFormat.format(line, true, zone));
                }
            }
            case Methods.DAEMON_STOPPING -> out.add(at + "daemon stopping: " + params.get("reason"));
            case Methods.SERVICE_USAGE -> out.add(usage(params));
            case Methods.EVENTS_LAGGED -> out.add("fell behind: " + params.get("missed") + " events missed");
            default -> out.add(method + " " + Json.write(params));
        }
        return out;
    }

    private static String service(Map<String, Object> s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.get("project")).append('/').append(s.get("name")).append(' ').append(s.get("state"));
        long pid = JsonObjects.number(s, "pid", 0);
        if (pid > 0) {
            sb.append(" pid ").append(pid);
        }
        // A view keeps the last run's exit until the next run replaces it: only an ending says how the run ended.
        if (ENDINGS.contains(String.valueOf(s.get("state")))) {
            Object code = s.get("exitCode");
            if (code != null) {
                sb.append(" exit ").append(code);
            }
            if (s.get("signal") != null) {
                sb.append(" by ").append(s.get("signal"));
            }
        }
        long restarts = JsonObjects.number(s, "restarts", 0);
        if (restarts > 0) {
            sb.append(" restarts ").append(restarts);
        }
        if (s.get("reason") != null) {
            sb.append(" (").append(s.get("reason")).append(')');
        }
        return sb.toString();
    }

    /** "usage demo/web cpu 1.5% mem 10.0M, demo/db cpu 0.0% mem 52.3M". */
    private static String usage(Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        for (Object o : JsonObjects.array(params.get("services"))) {
            Map<String, Object> u = JsonObjects.object(o);
            parts.add(u.get("project") + "/" + u.get("name") + " cpu " + PsTable.percent(JsonObjects.decimal(u, "cpuPercent"))
                    + " mem " + PsTable.bytes(JsonObjects.number(u, "rssBytes", 0)));
        }
        return "usage " + String.join(", ", parts);
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            JsonObjects.array(list).forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }
}
