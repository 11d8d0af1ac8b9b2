package dev.tend.daemon.core.logs;

import java.time.Instant;
import java.util.Objects;

/** One line of a service's output: when it was captured (millisecond precision), from which stream, its text. */
public record LogLine(Instant time, LogStream stream, String text) {

    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }
}
