package dev.tend.cli;

import dev.tend.protocol.ReplicaNames;
import dev.tend.protocol.json.JsonObjects;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * service.list as the `ps` table: SERVICE STATE PID UPTIME RESTARTS CPU MEM PORTS, a replicated service's copies
 * under one summary row of their group. Pure.
 */
final class PsTable {
    /** How the daemon's reason for a crashed service under watch begins (docs/supervision.md, "Watch and restart"). */
    private static final String WAITING = "waiting for a change";
    /** How the daemon's reason names a dependency that was stopped by hand (core/DependencyOrder). */
    private static final String NOTHING_STARTS = "and nothing starts it)";

    private PsTable() {
    }

    static String format(List<Map<String, Object>> services, boolean withProject, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {withProject ? "PROJECT/SERVICE" : "SERVICE", "STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEM", "PORTS"});
        Map<String, List<Map<String, Object>>> groups = groups(services);
        for (Map<String, Object> s : services) {
            String group = group(s);
            if (group == null) {
                rows.add(row(s, withProject, now));
            } else if (groups.containsKey(group)) { // the group's first copy: its summary, then every copy by number
                List<Map<String, Object>> copies = groups.remove(group);
                rows.add(groupRow(group, copies, withProject));
                for (Map<String, Object> copy : copies) {
                    rows.add(row(copy, withProject, now));
                }
            }
        }
        return Table.render(rows);
    }

    private static String[] row(Map<String, Object> s, boolean withProject, Instant now) {
        String name = withProject ? s.get("project") + "/" + s.get("name") : String.valueOf(s.get("name"));
        long pid = JsonObjects.number(s, "pid", 0);
        boolean live = pid > 0;
        return new String[] {
                name,
                state(s),
                live ? Long.toString(pid) : "-",
                live && s.get("startedAt") != null
                        ? Durations.human(Duration.between(Instant.parse((String) s.get("startedAt")), now)) : "-",
                Long.toString(JsonObjects.number(s, "restarts", 0)),
                live ? percent(JsonObjects.decimal(s, "cpuPercent")) : "-",
                live ? bytes(JsonObjects.number(s, "rssBytes", 0)) : "-",
                s.get("port") == null ? "-" : String.valueOf(s.get("port")),
        };
    }

    /**
     * A replicated service's row above its copies: "api  2/3 up", the restarts of all copies, and the CPU and memory
     * of the live ones added up (what the service costs, as pm2 users read it off their cluster).
     */
    private static String[] groupRow(String group, List<Map<String, Object>> copies, boolean withProject) {
        List<String> states = new ArrayList<>();
        long restarts = 0;
        double cpu = 0;
        long rss = 0;
        boolean live = false;
        for (Map<String, Object> c : copies) {
            states.add(String.valueOf(c.get("state")));
            restarts += JsonObjects.number(c, "restarts", 0);
            if (JsonObjects.number(c, "pid", 0) > 0) {
                live = true;
                cpu += JsonObjects.decimal(c, "cpuPercent");
                rss += JsonObjects.number(c, "rssBytes", 0);
            }
        }
        return new String[] {withProject ? group : group.substring(group.indexOf('/') + 1), ReplicaNames.summary(states),
                "-", "-", Long.toString(restarts), live ? percent(cpu) : "-", live ? bytes(rss) : "-", "-"};
    }

    /** "project/api" for a copy of api, null for a plain service. */
    private static String group(Map<String, Object> s) {
        String group = ReplicaNames.groupOf(String.valueOf(s.get("name")));
        return group == null ? null : s.get("project") + "/" + group;
    }

    /** Each group's copies by number, groups in the order their first copy comes. */
    private static Map<String, List<Map<String, Object>>> groups(List<Map<String, Object>> services) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> s : services) {
            String group = group(s);
            if (group != null) {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
            }
        }
        groups.values().forEach(copies -> copies.sort(
                Comparator.comparingInt(c -> ReplicaNames.indexOf(String.valueOf(c.get("name"))))));
        return groups;
    }

    /**
     * Under the table, a line per failed service with its reason: "api failed: dependency migrate is completed (3), …",
     * and per crashed service under watch that waits for a change: "api crashed: waiting for a change to …".
     */
    static List<String> whyFailed(List<Map<String, Object>> services, boolean withProject) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> s : services) {
            String reason = JsonObjects.string(s, "reason");
            if (("failed".equals(s.get("state")) || waitsForChange(s) || waitsForWhatNothingStarts(s)) && reason != null) {
                lines.add((withProject ? s.get("project") + "/" : "") + s.get("name") + " " + s.get("state") + ": "
                        + reason);
            }
        }
        return lines;
    }

    /** A service held back by a dependency that was stopped by hand: it waits for good unless the user acts. */
    private static boolean waitsForWhatNothingStarts(Map<String, Object> s) {
        String reason = JsonObjects.string(s, "reason");
        return "starting".equals(s.get("state")) && reason != null && reason.contains(NOTHING_STARTS);
    }

    /** A service under watch that crashed (again) and restarts at the next change to its files, not after a backoff. */
    private static boolean waitsForChange(Map<String, Object> s) {
        String reason = JsonObjects.string(s, "reason");
        return "crashed".equals(s.get("state")) && reason != null && reason.startsWith(WAITING);
    }

    /** A project that cannot run as registered: what is wrong, and how to be rid of it. */
    static String problem(Map<String, Object> project) {
        Object name = project.get("name");
        return "project " + name + ": " + project.get("problem") + " (`tend forget -p " + name + "` unregisters it)";
    }

    /** "crashed (3)", "backoff", "exited (0)", "crashed (SIGKILL)", "completed (0)" (a task's end), "ready (unhealthy 2/3)". */
    static String state(Map<String, Object> s) {
        String state = String.valueOf(s.get("state"));
        Long code = JsonObjects.numberOrNull(s, "exitCode");
        String signal = JsonObjects.string(s, "signal");
        String waiting = waitsForChange(s) ? ", waiting for a change" : "";
        return switch (state) {
            case "exited", "crashed", "failed", "completed" -> (signal != null ? state + " (" + signal + ")"
                    : code != null ? state + " (" + code + ")" : state) + waiting;
            default -> state + unhealthy(s);
        };
    }

    /** " (unhealthy 2/3)" while liveness checks fail in a row (the ServiceView's alive), else "". */
    private static String unhealthy(Map<String, Object> s) {
        if (!(s.get("alive") instanceof Map<?, ?>)) {
            return "";
        }
        Map<String, Object> alive = JsonObjects.object(s.get("alive"));
        long failures = JsonObjects.number(alive, "failures", 0);
        return failures > 0 ? " (unhealthy " + failures + "/" + JsonObjects.number(alive, "allowed", 0) + ")" : "";
    }

    /** "1.5%": CPU as ps and tend events show it. */
    static String percent(double cpu) {
        return format("%.1f%%", cpu);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + "B";
        }
        if (b < 1024 * 1024) {
            return format("%.0fK", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return format("%.1fM", b / (1024.0 * 1024));
        }
        return format("%.1fG", b / (1024.0 * 1024 * 1024));
    }

    /**
     * One number with no localisation (a null locale: '.' and ASCII digits, just as Locale.ROOT writes them). Any
     * locale, ROOT too, has the Formatter load the JDK's locale data (CLDR): ~10 ms of a `tend ps` with a table.
     */
    private static String format(String pattern, double value) {
        return String.format((Locale) null, pattern, value);
    }
}
