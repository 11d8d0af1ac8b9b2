package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "status", description = "Show the daemon (starting it if none runs).", mixinStandardHelpOptions = true)
final class DaemonStatusCommand extends TendSubcommand {
    @Option(names = "--json", description = "Print the status as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DaemonConnector.Connection c = connect();
        try (var client = c.client()) {
            Map<String, Object> status = JsonObjects.object(client.call(Methods.DAEMON_STATUS, null));
            out().print(json ? Json.write(status) + "\n" : DaemonStatusFormat.format(status,
                    LoginService.Status.read(LoginService.here()).describe()));
        }
        return ExitCode.OK;
    }
}
