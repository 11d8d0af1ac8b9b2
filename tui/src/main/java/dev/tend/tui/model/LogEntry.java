package dev.tend.tui.model;

import dev.tend.protocol.json.JsonObjects;

import java.time.Instant;
import java.util.Map;

/** One log line of a service (a LogLineView on the wire). */
public record LogEntry(String project, String service, Instant time, boolean stderr, String text) {

    public static LogEntry from(Map<String, Object> m) {
        String text = JsonObjects.string(m, "text");
        return new LogEntry(JsonObjects.string(m, "project"), JsonObjects.string(m, "service"),
                ServiceRow.instant(JsonObjects.string(m, "time")), "err".equals(JsonObjects.string(m, "stream")),
                text == null ? "" : text);
    }
}
