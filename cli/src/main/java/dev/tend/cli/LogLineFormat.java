package dev.tend.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** One log line from logs.read: "12:00:01.234 api | text", stderr marked with '!'. Pure. */
final class LogLineFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private LogLineFormat() {
    }

    static String format(Map<String, Object> line, boolean withService, ZoneId zone) {
        return format(line, withService, zone, false);
    }

    /** A line of a job's run: its time carries the offset where the zone has daylight saving ({@link WallTime}). */
    static String formatJobLine(Map<String, Object> line, ZoneId zone) {
        return format(line, false, zone, true);
    }

    private static String format(Map<String, Object> line, boolean withService, ZoneId zone, boolean offset) {
        StringBuilder sb = new StringBuilder();
        Object time = line.get("time");
        if (time != null) {
            Instant t = Instant.parse(time.toString());
            sb.append(offset ? WallTime.format(t, zone, "HH:mm:ss.SSS") : TIME.format(t.atZone(zone))).append(' ');
        }
        if (withService) {
            sb.append(line.get("service")).append(' ');
        }
        sb.append("err".equals(line.get("stream")) ? "! " : "| ");
        sb.append(line.get("text"));
        return sb.toString();
    }
}
