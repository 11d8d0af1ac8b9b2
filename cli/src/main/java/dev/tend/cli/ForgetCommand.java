package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Stop a project's services and unregister it and its jobs, for good.",
                "Its history and logs are kept for a later `tend up` there, unless --purge."})
final class ForgetCommand extends TendSubcommand {
    @Mixin
    ProjectOptions scope;

    @Option(names = "--purge", description = "Also remove its service history, job runs and log files.")
    boolean purge;

    @Option(names = "--json", description = "Print the result as one JSON object: {project, services, purged}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = scope.params();
        params.put("purge", purge);
        Map<String, Object> r = call(Methods.PROJECT_FORGET, params);
        if (json) {
            out().println(Json.write(r));
        } else {
            info(summary(r));
        }
        return ExitCode.OK;
    }

    /** "project shop forgotten (2 services stopped; history and logs kept)". Pure. */
    static String summary(Map<String, Object> r) {
        List<Object> services = JsonObjects.array(r.get("services"));
        String stopped = services.size() == 1 ? "1 service stopped" : services.size() + " services stopped";
        return "project " + r.get("project") + " forgotten (" + stopped + "; history and logs "
                + (JsonObjects.bool(r, "purged") ? "removed" : "kept: `tend forget --purge` removes them") + ")";
    }
}
