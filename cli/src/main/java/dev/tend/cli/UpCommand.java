package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Register the project of this directory (tend.yaml, else Procfile, else process-compose.yaml) and start its services in dependency order.")
final class UpCommand extends TendSubcommand {
    @Mixin
    ProjectFileOptions files;

    @Option(names = "--wait", description = "Return once every service is ready (probe passed, or up for min_uptime); exit 1, naming it, if one crashes or fails meanwhile.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "With --wait: give up after this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the result as one JSON object (project, services, warnings).")
    boolean json;

    /** docker compose's habit: `up` returns once its services are started anyway, so -d changes nothing. */
    @Option(names = {"-d", "--detach"}, hidden = true, description = "Accepted for docker compose's habit: tend up always "
            + "returns once the services are started, and they run on in the daemon.")
    boolean detach;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what they depend on).")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dir", cwd());
        List<String> absolute = files.absolute();
        if (absolute.size() == 1) {
            params.put("file", absolute.get(0)); // what every daemon understands
        } else if (!absolute.isEmpty()) {
            params.put("files", absolute);
        }
        params.put("services", services);
        params.put("env", System.getenv());
        params.put("wait", wait);
        params.put("waitSeconds", timeoutSeconds);
        Map<String, Object> r = call(Methods.PROJECT_UP, params);
        if (json) {
            out().println(dev.tend.protocol.json.Json.write(r));
            return ExitCode.OK;
        }
        // what a foreign project file (process-compose.yaml) says that tend does not do
        for (Object w : r.get("warnings") == null ? List.of() : JsonObjects.array(r.get("warnings"))) {
            err().println("tend: warning: " + w);
        }
        if (!root().quiet) {
            List<Map<String, Object>> list = JsonObjects.array(r.get("services")).stream().map(JsonObjects::object).toList();
            out().println(heading(r, list, wait));
            out().print(PsTable.format(list, false, Instant.now()));
            PsTable.whyFailed(list, false).forEach(out()::println);
        }
        return ExitCode.OK;
    }

    /**
     * The line above the table: "ready" once waited for; "starting" while any service starts; what is so when
     * nothing was to start (every service already up, or none at all), rather than a "starting" that is not so.
     */
    static String heading(Map<String, Object> result, List<Map<String, Object>> services, boolean waited) {
        String project = "project " + result.get("project") + ": ";
        if (services.isEmpty()) {
            return project + "no services to start";
        }
        if (waited) {
            return project + "ready";
        }
        boolean allUp = services.stream().allMatch(s -> "running".equals(s.get("state")) || "ready".equals(s.get("state")));
        return project + (allUp ? "already up, nothing to start" : "starting");
    }
}
