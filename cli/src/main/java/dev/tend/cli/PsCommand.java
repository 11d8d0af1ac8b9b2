package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "ps", aliases = "status", mixinStandardHelpOptions = true,
        description = "List the services of this directory's project.")
final class PsCommand extends TendSubcommand {
    @Option(names = {"-a", "--all"}, description = "Every project's services.")
    boolean all;

    @Option(names = "--json", description = "One JSON array of service objects.")
    boolean json;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "Only the services with this namespace: (process-compose's namespace).")
    String namespace;

    @Override
    public Integer call() throws Exception {
        Scoped scoped = callHereOrAll(Methods.SERVICE_LIST, all, json, "tend ps --all");
        Map<String, Object> r = scoped.result();
        boolean everything = scoped.everything();
        List<Object> services = inNamespace(JsonObjects.array(r.get("services")));
        List<Object> problems = r.get("problems") == null ? List.of() : JsonObjects.array(r.get("problems"));
        if (json) {
            out().println(Json.write(services));
        } else if (services.isEmpty() && !problems.isEmpty()) {
            // the note below says it all
        } else if (services.isEmpty()) {
            info(namespace != null ? "no services in namespace '" + namespace + "'"
                    : "no services" + (everything ? "" : " in this project") + ": `tend up` starts a project, `tend run` an ad-hoc service");
        } else {
            List<Map<String, Object>> rows = new ArrayList<>(); // a loop: a stream's machinery costs a cold JVM ~2 ms
            for (Object s : services) {
                rows.add(JsonObjects.object(s));
            }
            String table = PsTable.format(rows, everything, Instant.now());
            out().print(Colors.enabled(root()) ? Colors.paintStates(table) : table);
            PsTable.whyFailed(rows, everything).forEach(out()::println);
        }
        if (!json) {
            for (Object p : problems) {
                out().println(PsTable.problem(JsonObjects.object(p)));
            }
        }
        return ExitCode.OK;
    }

    /** The services of the namespace asked for (all without --namespace): a filter here, the daemon sends all. */
    private List<Object> inNamespace(List<Object> services) {
        if (namespace == null) {
            return services;
        }
        List<Object> kept = new ArrayList<>();
        for (Object s : services) {
            Object names = JsonObjects.object(s).get("namespaces");
            if (names instanceof List<?> list && list.contains(namespace)) {
                kept.add(s);
            }
        }
        return kept;
    }
}
