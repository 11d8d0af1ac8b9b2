package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.Map;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "A job's runs: trigger, scheduled and start time, duration, exit code or signal.")
final class JobHistoryCommand extends TendSubcommand {
    @Mixin
    JobRef job;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20", description = "The newest N runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON array of runs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = job.params();
        params.put("limit", lines(limit, 1));
        Map<String, Object> r = call(Methods.JOB_HISTORY, params);
        var runs = JsonObjects.array(r.get("runs"));
        if (json) {
            out().println(Json.write(runs));
        } else if (runs.isEmpty()) {
            info(r.get("project") + "/" + r.get("job") + " has not run yet (`tend job run " + job.ref + "` runs it now)");
        } else {
            out().print(JobHistoryTable.format(runs.stream().map(JsonObjects::object).toList(), ZoneId.systemDefault()));
        }
        return ExitCode.OK;
    }
}
