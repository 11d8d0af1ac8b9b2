package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.tend.daemon.core.logs.LogLine;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * A page of log lines as the JSON array the protocol gives them in ({@code [{project, service, time, stream, text}]},
 * docs/protocol.md), written straight from the lines. A page holds up to half a MiB of text in
 * thousands of lines; as maps, and then as a tree of every result, it took several times its size
 * in short-lived objects, and `tend logs -n 0` of a big log kept the daemon's small heap collecting.
 */
final class LogLinesJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LogLinesJson() {
    }

    /** The array, to be written as it is (as a member of a result or a notification). */
    static RawValue array(String project, String service, List<LogLine> lines) {
        return array(project, service, null, lines);
    }

    /** @param job for a job run's lines (job.logs): each line also names the job, after its text */
    static RawValue array(String project, String service, String job, List<LogLine> lines) {
        StringWriter out = new StringWriter(64 + lines.size() * 96);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartArray();
            for (LogLine l : lines) {
                gen.writeStartObject();
                gen.writeStringField("project", project);
                gen.writeStringField("service", service);
                gen.writeStringField("time", WireTime.of(l.time()));
                gen.writeStringField("stream", l.stream().name().toLowerCase(Locale.ROOT));
                gen.writeStringField("text", l.text());
                if (job != null) {
                    gen.writeStringField("job", job);
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return new RawValue(out.toString());
    }
}
