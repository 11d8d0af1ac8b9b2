package dev.tend.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** `--cwd DIR` and `-e K=V`: where and with what environment an ad-hoc process runs (tend run, tend job add). */
final class ProcessOptions {
    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory (default: here).")
    Path cwd;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "An environment variable (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    /** Puts `cwd` (absolute; default: here) and `env` (this shell's, then each -e) into the params. */
    void addTo(Map<String, Object> params) {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.putAll(env);
        params.put("cwd", cwd != null ? cwd.toAbsolutePath().normalize().toString() : TendSubcommand.cwd());
        params.put("env", environment);
    }
}
