package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Run N copies of a service (api#1 .. api#N): new ones start if the project is up, the highest "
                + "stop first. Kept across daemon restarts until the project file's replicas: for it changes."})
final class ScaleCommand extends ServiceAction {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "service (of this directory's project) or project/service")
    String service;

    @Parameters(index = "1", paramLabel = "N", description = "how many copies, 1 to 64")
    int count;

    ScaleCommand() {
        super(Methods.SERVICE_SCALE, "scaled");
    }

    @Override
    List<String> refs() {
        return List.of(service);
    }

    @Override
    void addParams(Map<String, Object> params) {
        params.put("count", count);
    }
}
