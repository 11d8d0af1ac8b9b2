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

    private DaemonLogFormat() {
    }

    static String format(String line) {
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
