package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;

@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop services: stop_signal to the process group, SIGKILL to the whole tree after stop_timeout.")
final class StopCommand extends ServiceRefsAction {
    StopCommand() {
        super(Methods.SERVICE_STOP, "stopped");
    }

    @Override
    boolean stops() {
        return true;
    }
}
