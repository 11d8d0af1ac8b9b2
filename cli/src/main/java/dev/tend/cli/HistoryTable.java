package dev.tend.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** service.history entries as a table: TIME EVENT PID RESULT REASON. Pure. */
final class HistoryTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HistoryTable() {
    }

    static String format(List<Map<String, Object>> entries, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIME", "EVENT", "PID", "RESULT", "REASON"});
        for (Map<String, Object> e : entries) {
            Object pid = e.get("pid");
            String result = e.get("signal") != null ? String.valueOf(e.get("signal"))
                    : e.get("exitCode") != null ? "exit " + e.get("exitCode") : "-";
            rows.add(new String[] {
                    TIME.format(Instant.parse(e.get("time").toString()).atZone(zone)),
                    String.valueOf(e.get("kind")),
                    pid instanceof Number n && n.longValue() > 0 ? pid.toString() : "-",
                    result,
                    e.get("reason") == null ? "" : e.get("reason").toString(),
            });
        }
        return Table.render(rows);
    }
}
