package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Stop and forget ad-hoc services.")
final class RmCommand extends TendSubcommand {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "ad-hoc service names")
    List<String> names;

    @Option(names = "--json", description = "Print one JSON array of the removed services' names.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Object> removed = new ArrayList<>();
        int exit = eachRef(Methods.SERVICE_REMOVE, names, n -> Map.of("ref", n), (n, answer) -> {
            removed.add(n);
            if (!json) {
                info(removedRef(answer, n) + ": removed");
            }
        });
        if (json) {
            out().println(Json.write(removed));
        }
        return exit;
    }

    /** The daemon names what it removed ("adhoc/x"); the name may be given as "x" or "adhoc/x". */
    static String removedRef(Object answer, String given) {
        if (answer instanceof Map<?, ?> m && m.get("removed") instanceof String ref) {
            return ref;
        }
        return given.startsWith("adhoc/") ? given : "adhoc/" + given;
    }
}
