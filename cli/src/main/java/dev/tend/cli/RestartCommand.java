package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "restart", mixinStandardHelpOptions = true, description = "Stop and start services again.")
final class RestartCommand extends ServiceRefsAction {
    @Option(names = "--rolling", description = "The copies of a replicated service one at a time, each ready before the next.")
    boolean rolling;

    RestartCommand() {
        super(Methods.SERVICE_RESTART, "restarted");
    }

    @Override
    boolean stops() {
        return true;
    }

    @Override
    void addParams(Map<String, Object> params) {
        if (rolling) {
            params.put("rolling", true);
        }
    }
}
