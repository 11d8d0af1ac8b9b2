package dev.tend.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One log line from logs.read: "12:00:01.234 api | text", stderr marked with '!'; with the full time
 * "2026-05-01T12:00:01.234+02:00 api | text". Pure.
 */
final class LogLineFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** What logs and job logs say on stderr when a page has a gap: rotation removed lines before they were read. */
    static final String GAP_NOTICE = "tend: some lines were rotated away before they could be read";

    private LogLineFormat() {
    }

    static String format(Map<String, Object> line, boolean withService, ZoneId zone) {
        return format(line, withService ? String.valueOf(line.get("service")) : null, zone, false);
    }

    /** A line of a job's run: its time carries the offset where the zone has daylight saving ({@link WallTime}). */
    static String formatJobLine(Map<String, Object> line, ZoneId zone) {
        return format(line, null, zone, false, true);
    }

    /**
     * @param label    what the line is prefixed with (the service, padded by the caller to align), or null
     * @param fullTime the date and zone offset too, not only the time of day
     */
    static String format(Map<String, Object> line, String label, ZoneId zone, boolean fullTime) {
        return format(line, label, zone, fullTime, false);
    }

    private static String format(Map<String, Object> line, String label, ZoneId zone, boolean fullTime,
                                 boolean offset) {
        StringBuilder sb = new StringBuilder();
        Object time = line.get("time");
        if (time != null) {
            Instant t = Instant.parse(time.toString());
            if (fullTime) {
                sb.append(FULL.format(t.atZone(zone)));
            } else {
                sb.append(offset ? WallTime.format(t, zone, "HH:mm:ss.SSS") : TIME.format(t.atZone(zone)));
            }
            sb.append(' ');
        }
        if (label != null) {
            sb.append(label).append(' ');
        }
        sb.append("err".equals(line.get("stream")) ? "! " : "| ");
        sb.append(line.get("text"));
        return sb.toString();
    }

    /** The label of a line: its service, or project/service when several projects are shown, padded to width. */
    static String label(Map<String, Object> line, boolean withProject, int width) {
        String name = withProject ? line.get("project") + "/" + line.get("service") : String.valueOf(line.get("service"));
        return name.length() >= width ? name : name + " ".repeat(width - name.length());
    }
}
