package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the project's services, dependents first. The project stays registered and its jobs "
                + "keep their schedule (`tend job pause NAME` stops one).")
final class DownCommand extends TendSubcommand {
    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "A project by name instead of this directory's.")
    String project;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The project of this file, as `up -f FILE` registered it.")
    Path file;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what depends on them).")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = projectScope(project, file);
        params.put("services", services);
        Map<String, Object> r = call(Methods.PROJECT_DOWN, params);
        if (json) {
            out().println(dev.tend.protocol.json.Json.write(r));
        } else {
            info("project " + r.get("project") + ": stopped");
        }
        return ExitCode.OK;
    }
}
