package dev.tend.mcp;

import dev.tend.protocol.json.JsonObjects;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon's views (docs/protocol.md, Views) cut down to what a model needs to answer a question, with the
 * numbers a person would say: an uptime rather than a start instant, "35.1 MiB" rather than a byte count.
 */
final class Views {
    private final Clock clock;

    Views(Clock clock) {
        this.clock = clock;
    }

    Map<String, Object> service(Map<String, Object> v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service", v.get("project") + "/" + v.get("name"));
        String state = JsonObjects.string(v, "state");
        s.put("state", state);
        long pid = JsonObjects.number(v, "pid", 0);
        if (pid > 0) {
            s.put("pid", pid);
            String started = JsonObjects.string(v, "startedAt");
            if (started != null) {
                s.put("uptime", duration(started));
            }
            s.put("cpuPercent", v.get("cpuPercent"));
            s.put("memory", bytes(JsonObjects.number(v, "rssBytes", 0)));
        }
        s.put("restarts", v.get("restarts"));
        if (v.get("port") != null) {
            s.put("port", v.get("port"));
        }
        if (v.get("exitCode") != null && pid == 0) {
            s.put("exitCode", v.get("exitCode"));
        }
        if (v.get("signal") != null && pid == 0) {
            s.put("signal", v.get("signal"));
        }
        if (v.get("reason") != null) {
            s.put("reason", v.get("reason"));
        }
        String since = JsonObjects.string(v, "stateSince");
        if (since != null) {
            s.put("inStateFor", duration(since));
        }
        if (!"running".equals(v.get("desired")) || !"running".equals(state) && !"ready".equals(state)) {
            s.put("desired", v.get("desired"));
        }
        return s;
    }

    Map<String, Object> run(Object runView) {
        if (runView == null) {
            return null;
        }
        Map<String, Object> r = JsonObjects.object(runView);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", r.get("id"));
        out.put("outcome", r.get("outcome"));
        out.put("trigger", r.get("trigger"));
        putIfSet(out, "startedAt", r.get("startedAt"));
        putIfSet(out, "endedAt", r.get("endedAt"));
        putIfSet(out, "durationMs", r.get("durationMs"));
        putIfSet(out, "exitCode", r.get("exitCode"));
        putIfSet(out, "signal", r.get("signal"));
        putIfSet(out, "reason", r.get("reason"));
        return out;
    }

    Map<String, Object> job(Map<String, Object> j) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", j.get("project") + "/" + j.get("name"));
        out.put("schedule", j.get("schedule"));
        out.put("state", j.get("state"));
        putIfSet(out, "nextRun", j.get("nextRun"));
        out.put("command", j.get("command"));
        putIfSet(out, "lastRun", run(j.get("lastRun")));
        return out;
    }

    static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** "3h12m", "45s": how long ago an instant was. */
    String duration(String isoInstant) {
        Duration d;
        try {
            d = Duration.between(Instant.parse(isoInstant), clock.instant());
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d" + s % 86400 / 3600 + "h";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
