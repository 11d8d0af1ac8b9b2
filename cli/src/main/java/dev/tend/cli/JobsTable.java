package dev.tend.cli;

import dev.tend.protocol.json.JsonObjects;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** job.list as the `jobs` table: JOB SCHEDULE STATE NEXT LAST RESULT. Pure. */
final class JobsTable {
    private JobsTable() {
    }

    static String format(List<Map<String, Object>> jobs, boolean withProject, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {withProject ? "PROJECT/JOB" : "JOB", "SCHEDULE", "STATE", "NEXT", "LAST", "RESULT"});
        for (Map<String, Object> j : jobs) {
            Map<String, Object> last = j.get("lastRun") == null ? null : JsonObjects.object(j.get("lastRun"));
            String lastTime = last == null ? null : JsonObjects.string(last, "startedAt") != null
                    ? JsonObjects.string(last, "startedAt") : JsonObjects.string(last, "endedAt");
            rows.add(new String[] {
                    withProject ? j.get("project") + "/" + j.get("name") : String.valueOf(j.get("name")),
                    schedule(j),
                    String.valueOf(j.get("state")) + (JsonObjects.bool(j, "queued") ? " (+1 queued)" : ""),
                    j.get("nextRun") == null ? "-" : "in " + Durations.human(Duration.between(now, Instant.parse(j.get("nextRun").toString()))),
                    lastTime == null ? "-" : Durations.human(Duration.between(Instant.parse(lastTime), now)) + " ago",
                    last == null ? "-" : result(last),
            });
        }
        return Table.render(rows);
    }

    /** The schedule, with its zone unless it is an interval. */
    static String schedule(Map<String, Object> j) {
        String s = String.valueOf(j.get("schedule"));
        return s.startsWith("@every") || j.get("timezone") == null ? s : s + " (" + j.get("timezone") + ")";
    }

    /** "ok", "exit 3", "SIGKILL", "timed-out (SIGKILL)", "running", "skipped", "interrupted". */
    static String result(Map<String, Object> run) {
        String outcome = String.valueOf(run.get("outcome"));
        Long code = JsonObjects.numberOrNull(run, "exitCode");
        String signal = JsonObjects.string(run, "signal");
        return switch (outcome) {
            case "succeeded" -> "ok";
            case "failed" -> signal != null ? signal : code != null ? "exit " + code : "failed";
            case "timed-out" -> "timed-out" + (signal != null ? " (" + signal + ")" : "");
            default -> outcome;
        };
    }
}
