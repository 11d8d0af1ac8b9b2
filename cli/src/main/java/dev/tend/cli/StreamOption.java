package dev.tend.cli;

import picocli.CommandLine.Option;

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
}
