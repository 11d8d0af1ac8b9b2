package dev.tend.cli;

import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** `--stream out|err`: one stream of a log (logs, job logs). */
final class StreamOption {
    @Option(names = "--stream", paramLabel = "out|err", description = "Only stdout or only stderr.")
    String name;

    /** Asks the daemon for that stream's lines only (both without --stream). */
    void addTo(Map<String, Object> params) {
        if (name != null) {
            params.put("stream", name);
        }
    }

    /** The lines of that stream (all without --stream), kept as logs.read keeps them on the daemon. */
    List<Object> filter(List<Object> lines) {
        if (name == null) {
            return lines;
        }
        String want = name.startsWith("std") ? name.substring(3) : name;
        return lines.stream().filter(o -> want.equals(JsonObjects.object(o).get("stream"))).toList();
    }
}
