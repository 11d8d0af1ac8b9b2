package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Stop a project's services and unregister it and its jobs, for good.",
                "Its history and logs are kept for a later `tend up` there, unless --purge."})
final class ForgetCommand extends ProjectAction {
    @Option(names = "--purge", description = "Also remove its service history, job runs and log files.")
    boolean purge;

    ForgetCommand() {
        super(Methods.PROJECT_FORGET, ForgetCommand::summary);
    }

    @Override
    void addParams(Map<String, Object> params) {
        params.put("purge", purge);
    }

    /** "project shop forgotten (2 services stopped; history and logs kept)". Pure. */
    static String summary(Map<String, Object> r) {
        List<Object> services = JsonObjects.array(r.get("services"));
        String stopped = services.size() == 1 ? "1 service stopped" : services.size() + " services stopped";
        return "project " + r.get("project") + " forgotten (" + stopped + "; history and logs "
                + (JsonObjects.bool(r, "purged") ? "removed" : "kept: `tend forget --purge` removes them") + ")";
    }
}
