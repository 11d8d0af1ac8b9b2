package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;

@Command(name = "restart", mixinStandardHelpOptions = true, description = "Stop and start services again.")
final class RestartCommand extends ServiceRefsAction {
    RestartCommand() {
        super(Methods.SERVICE_RESTART, "restarted");
    }
}
