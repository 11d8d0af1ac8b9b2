package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove ad-hoc jobs (a run under way finishes).")
final class JobRmCommand extends TendSubcommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "name or adhoc/name")
    List<String> names;

    @Option(names = "--json", description = "Print one JSON array of the removed jobs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Object> removed = new ArrayList<>();
        int exit = eachRef(Methods.JOB_REMOVE, names, name -> Map.of("ref", name), (name, answer) -> {
            Object job = JsonObjects.object(answer).get("removed");
            removed.add(job);
            if (!json) {
                info(job + ": removed");
            }
        });
        if (json) {
            out().println(Json.write(removed));
        }
        return exit;
    }
}
