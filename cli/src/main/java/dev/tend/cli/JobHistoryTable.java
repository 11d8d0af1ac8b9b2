package dev.tend.cli;

import dev.tend.protocol.json.JsonObjects;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** job.history runs as a table: RUN TRIGGER SCHEDULED STARTED DURATION RESULT REASON (times: {@link WallTime}). Pure. */
final class JobHistoryTable {
    private JobHistoryTable() {
    }

    static String format(List<Map<String, Object>> runs, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "TRIGGER", "SCHEDULED", "STARTED", "DURATION", "RESULT", "REASON"});
        for (Map<String, Object> r : runs) {
            Long millis = JsonObjects.numberOrNull(r, "durationMs");
            rows.add(new String[] {
                    String.valueOf(r.get("id")),
                    String.valueOf(r.get("trigger")),
                    time(r.get("scheduledFor"), zone),
                    time(r.get("startedAt"), zone),
                    millis == null ? "-" : duration(millis),
                    JobsTable.result(r),
                    r.get("reason") == null ? "" : r.get("reason").toString(),
            });
        }
        return Table.render(rows);
    }

    private static String time(Object iso, ZoneId zone) {
        return iso == null ? "-" : WallTime.format(Instant.parse(iso.toString()), zone, "yyyy-MM-dd HH:mm:ss");
    }

    /** Runs are often short: under a minute they show milliseconds. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return Durations.human(Duration.ofMillis(millis));
    }
}
