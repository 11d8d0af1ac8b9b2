package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "start", mixinStandardHelpOptions = true, description = "Start services (and what they depend on); a failed service gets a fresh restart count.")
final class StartCommand extends ServiceAction {
    @Parameters(paramLabel = "REF", arity = "1..*", description = "service (of this directory's project) or project/service")
    List<String> refs;

    @Override
    String method() {
        return Methods.SERVICE_START;
    }

    @Override
    String verb() {
        return "started";
    }

    @Override
    List<String> refs() {
        return refs;
    }
}
