package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove ad-hoc jobs (a run under way finishes).")
final class JobRmCommand extends TendSubcommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "name or adhoc/name")
    List<String> names;

    @picocli.CommandLine.Option(names = "--json", description = "Print one JSON array of the removed jobs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Object> removed = new java.util.ArrayList<>();
        for (String name : names) {
            Map<String, Object> r = call(Methods.JOB_REMOVE, Map.of("ref", name));
            removed.add(r.get("removed"));
            if (!json) {
                info(r.get("removed") + ": removed");
            }
        }
        if (json) {
            out().println(dev.tend.protocol.json.Json.write(removed));
        }
        return ExitCode.OK;
    }
}
