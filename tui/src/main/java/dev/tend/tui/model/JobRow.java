package dev.tend.tui.model;

import dev.tend.protocol.json.JsonObjects;

import java.time.Instant;
import java.util.Map;

/**
 * A scheduled job (a JobView on the wire) with the outcome of its last run, if any.
 *
 * @param paused its schedule is paused (`tend job pause`, or p in the jobs view); state is "paused" unless it runs
 */
public record JobRow(String project, String name, String schedule, String state, Instant nextRun,
                     LastRun lastRun, boolean paused) {

    /** The last run: exitCode/signal are null while it is still running. */
    public record LastRun(String trigger, Instant startedAt, Instant endedAt, Long exitCode, String signal) {
        public String result() {
            if (endedAt == null) {
                return "running";
            }
            if (signal != null) {
                return "killed by " + signal;
            }
            if (exitCode == null) {
                return "ended";
            }
            return exitCode == 0 ? "ok" : "exit " + exitCode;
        }

        public boolean failed() {
            return endedAt != null && (signal != null || (exitCode != null && exitCode != 0));
        }
    }

    public static JobRow from(Map<String, Object> m) {
        LastRun last = null;
        if (m.get("lastRun") instanceof Map<?, ?>) {
            Map<String, Object> r = JsonObjects.object(m.get("lastRun"));
            last = new LastRun(JsonObjects.string(r, "trigger"),
                    ServiceRow.instant(JsonObjects.string(r, "startedAt")),
                    ServiceRow.instant(JsonObjects.string(r, "endedAt")),
                    JsonObjects.numberOrNull(r, "exitCode"), JsonObjects.string(r, "signal"));
        }
        String state = JsonObjects.string(m, "state");
        return new JobRow(JsonObjects.string(m, "project"), JsonObjects.string(m, "name"),
                JsonObjects.string(m, "schedule"), state == null ? "idle" : state,
                ServiceRow.instant(JsonObjects.string(m, "nextRun")), last,
                JsonObjects.bool(m, "paused") || "paused".equals(state));
    }

    public String key() {
        return project + "/" + name;
    }

}
