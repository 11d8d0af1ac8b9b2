package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop services: stop_signal to the process group, SIGKILL to the whole tree after stop_timeout.")
final class StopCommand extends ServiceAction {
    @Parameters(paramLabel = "REF", arity = "1..*", description = "service (of this directory's project) or project/service")
    List<String> refs;

    @Override
    String method() {
        return Methods.SERVICE_STOP;
    }

    @Override
    String verb() {
        return "stopped";
    }

    @Override
    List<String> refs() {
        return refs;
    }
}
