package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** One daemon.log line (logback JSON) as readable text; anything else (e.g. a JVM crash report) as is. Pure. */
final class DaemonLogFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** How logback's JSON encoder begins every record of daemon.log. */
    private static final String RECORD_START = "{\"timestamp\":";

    private DaemonLogFormat() {
    }

    static String format(String line) {
        // A record cut short (the disk filled as it was written) has the next one glued to it once there is room
        // again: each is shown on a line of its own, the cut one as it stands.
        int glued = line.indexOf(RECORD_START, 1);
        if (glued > 0) {
            return line.substring(0, glued) + "\n" + format(line.substring(glued));
        }
        if (!line.startsWith("{")) {
            return line;
        }
        try {
            if (!(Json.parse(line) instanceof Map<?, ?> m) || !m.containsKey("level")) {
                return line;
            }
            StringBuilder sb = new StringBuilder();
            if (m.get("timestamp") instanceof Number t) {
                sb.append(TIME.format(Instant.ofEpochMilli(t.longValue()))).append(' ');
            }
            sb.append(String.format("%-5s", m.get("level"))).append(' ');
            String logger = String.valueOf(m.get("loggerName"));
            sb.append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ");
            Object msg = m.containsKey("formattedMessage") ? m.get("formattedMessage") : m.get("message");
            sb.append(msg);
            if (m.get("throwable") instanceof Map<?, ?> t) {
                sb.append(" [").append(t.get("className")).append(": ").append(t.get("message")).append(']');
            }
            return sb.toString();
        } catch (JsonException e) {
            return line;
        }
    }
}
