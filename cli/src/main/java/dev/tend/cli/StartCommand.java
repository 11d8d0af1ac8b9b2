package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;

@Command(name = "start", mixinStandardHelpOptions = true, description = "Start services (and what they depend on); a failed service gets a fresh restart count.")
final class StartCommand extends ServiceRefsAction {
    StartCommand() {
        super(Methods.SERVICE_START, "started");
    }
}
