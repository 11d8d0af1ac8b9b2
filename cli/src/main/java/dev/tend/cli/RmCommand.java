package dev.tend.cli;

import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Stop and forget ad-hoc services.")
final class RmCommand extends TendSubcommand {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "ad-hoc service names")
    List<String> names;

    @picocli.CommandLine.Option(names = "--json", description = "Print one JSON array of the removed services' names.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int exit = ExitCode.OK;
        List<Object> removed = new java.util.ArrayList<>();
        try (RpcClient client = connect().client()) {
            for (String n : names) {
                try {
                    Object answer = client.call(Methods.SERVICE_REMOVE, Map.of("ref", n));
                    removed.add(n);
                    if (!json) {
                        info(removedRef(answer, n) + ": removed");
                    }
                } catch (RpcError e) {
                    CliException c = Errors.map(e);
                    err().println("tend: " + n + ": " + c.getMessage());
                    exit = exit == ExitCode.OK ? c.exitCode() : exit;
                }
            }
        }
        if (json) {
            out().println(dev.tend.protocol.json.Json.write(removed));
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
