package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.util.Map;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Starts, exits (code or signal) and restarts of a service.")
final class HistoryCommand extends TendSubcommand {
    @Parameters(paramLabel = "REF", description = "service or project/service")
    String ref;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50", description = "The newest N entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON array of entries.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = refParams(ref);
        params.put("limit", lines(limit, 1));
        Map<String, Object> r = call(Methods.SERVICE_HISTORY, params);
        var entries = JsonObjects.array(r.get("entries"));
        if (json) {
            out().println(Json.write(entries));
        } else {
            out().print(HistoryTable.format(entries.stream().map(JsonObjects::object).toList(), ZoneId.systemDefault()));
        }
        return ExitCode.OK;
    }
}
