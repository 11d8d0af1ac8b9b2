package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the project's services, dependents first. The project stays registered and its jobs "
                + "keep their schedule (`tend job pause NAME` stops one).")
final class DownCommand extends TendSubcommand {
    @Mixin
    ProjectOptions scope;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what depends on them).")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = scope.params();
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
