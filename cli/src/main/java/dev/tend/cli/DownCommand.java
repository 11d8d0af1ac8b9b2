package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the project's services, dependents first. The project stays registered and its jobs "
                + "keep their schedule (`tend job pause NAME` stops one).")
final class DownCommand extends ProjectAction {
    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what depends on them).")
    List<String> services = List.of();

    DownCommand() {
        super(Methods.PROJECT_DOWN, r -> "project " + r.get("project") + ": stopped");
    }

    @Override
    boolean stops() {
        return true;
    }

    @Override
    void addParams(Map<String, Object> params) {
        params.put("services", services);
    }
}
