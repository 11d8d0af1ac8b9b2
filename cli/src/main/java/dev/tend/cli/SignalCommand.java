package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "signal", mixinStandardHelpOptions = true,
        description = "Send a signal to services' main processes (with --group: to every process of each service).")
final class SignalCommand extends ServiceAction {
    @Option(names = "--group", description = "Signal the service's whole process group, not only its main process.")
    boolean group;

    @Parameters(index = "0", paramLabel = "SIGNAL", description = "e.g. HUP, SIGUSR1, 15")
    String signal;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "REF", description = "service or project/service")
    List<String> refs;

    SignalCommand() {
        super(Methods.SERVICE_SIGNAL, "sent");
    }

    @Override
    String verb() {
        return super.verb() + " " + signal;
    }

    @Override
    List<String> refs() {
        return refs;
    }

    @Override
    void addParams(Map<String, Object> params) {
        params.put("signal", signal);
        if (group) {
            params.put("group", true);
        }
    }
}
