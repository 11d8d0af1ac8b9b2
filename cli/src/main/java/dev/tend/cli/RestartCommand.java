package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "restart", mixinStandardHelpOptions = true, description = "Stop and start services again.")
final class RestartCommand extends ServiceAction {
    @Parameters(paramLabel = "REF", arity = "1..*", description = "service (of this directory's project) or project/service")
    List<String> refs;

    @Override
    String method() {
        return Methods.SERVICE_RESTART;
    }

    @Override
    String verb() {
        return "restarted";
    }

    @Override
    List<String> refs() {
        return refs;
    }
}
