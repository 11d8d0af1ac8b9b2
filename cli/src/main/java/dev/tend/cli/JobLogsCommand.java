package dev.tend.cli;

import dev.tend.client.RpcClient;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.Map;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the output of a job's newest run (or of --run ID); stderr lines are marked '!'.")
final class JobLogsCommand extends TendSubcommand {
    @Mixin
    JobRef job;

    @Option(names = "--run", paramLabel = "ID", description = "This run (see `tend job history`), not the newest.")
    Long run;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "0", description = "Lines from the end (default: all).")
    int lines;

    @Mixin
    StreamOption stream;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        terminal = Colors.stdoutIsTerminal();
        Map<String, Object> params = job.params();
        params.put("tail", lines(lines, 0));
        if (run != null) {
            params.put("run", run);
        }
        stream.addTo(params);
        try (RpcClient client = connect().client()) {
            readAll(client, params);
        }
        return ExitCode.OK;
    }

    private void readAll(RpcClient client, Map<String, Object> params) throws Exception {
        Map<String, Object> page = JsonObjects.object(client.call(Methods.JOB_LOGS, params));
        print(page);
        // Later pages come after the last one, up to where the log ended at the first: a run still writing
        // faster than we print would otherwise never let us finish. The run stays the one the first page named.
        Object end = page.get("end");
        Object runId = JsonObjects.object(page.get("run")).get("id");
        while (JsonObjects.bool(page, "more")) {
            params.remove("tail");
            params.put("run", runId);
            params.put("after", page.get("next"));
            if (end != null) {
                params.put("before", end);
            }
            page = JsonObjects.object(client.call(Methods.JOB_LOGS, params));
            print(page);
        }
    }

    /** stdout is a terminal: a run's escape sequences are shown, not obeyed (TerminalText). */
    private boolean terminal; // set by call(): picocli makes every command object at each start

    private void print(Map<String, Object> page) {
        if (JsonObjects.bool(page, "gap")) {
            err().println(LogLineFormat.GAP_NOTICE);
        }
        for (Object o : JsonObjects.array(page.get("lines"))) {
            Map<String, Object> line = JsonObjects.object(o);
            String text = LogLineFormat.formatJobLine(line, ZoneId.systemDefault());
            out().println(json ? Json.write(line) : terminal ? TerminalText.safe(text) : text);
        }
        out().flush();
    }
}
