package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Re-read the project file and apply the difference: only changed services restart.")
final class ReloadCommand extends TendSubcommand {
    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "A project by name instead of this directory's.")
    String project;

    @Option(names = "--json", description = "Print the result as one JSON object (added, changed, removed, unchanged).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = projectScope(project);
        params.put("env", System.getenv());
        Map<String, Object> r = call(Methods.PROJECT_RELOAD, params);
        if (json) {
            out().println(dev.tend.protocol.json.Json.write(r));
        } else {
            info("project " + r.get("project") + ": " + summary(r));
        }
        return ExitCode.OK;
    }

    static String summary(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        for (String k : List.of("added", "changed", "removed")) {
            List<Object> names = JsonObjects.array(r.get(k));
            if (!names.isEmpty()) {
                sb.append(sb.length() > 0 ? "; " : "").append(k).append(' ')
                        .append(String.join(", ", names.stream().map(String::valueOf).toList()));
            }
        }
        return sb.length() == 0 ? "nothing changed" : sb.toString();
    }
}
