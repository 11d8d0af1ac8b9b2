package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `tend config`: the daemon reads the files (project.config: the CLI has no YAML parser); this side prints. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the project as `tend up` would run it: files merged, $${VAR} substituted, env_file values shown as ***. Starts nothing.")
final class ConfigCommand extends TendSubcommand {
    @Mixin
    ProjectFileOptions files;

    @Option(names = "--json", description = "Print {project, dir, files, services, jobs, warnings} as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dir", cwd());
        if (!files.files.isEmpty()) {
            params.put("files", files.absolute());
        }
        params.put("env", System.getenv());
        Map<String, Object> r = call(Methods.PROJECT_CONFIG, params);
        out().print(json ? Json.write(r) + "\n" : ConfigFormat.format(r));
        return ExitCode.OK;
    }
}
