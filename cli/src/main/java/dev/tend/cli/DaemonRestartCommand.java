package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import picocli.CommandLine.Command;

@Command(name = "restart", description = "Stop the daemon if it runs and start a fresh one; services that should run are started again.",
        mixinStandardHelpOptions = true)
final class DaemonRestartCommand extends TendSubcommand {

    @Override
    public Integer call() throws Exception {
        DaemonConnector connector = DaemonAccess.connector(root());
        DaemonStopper.stopIfRunning(connector, DaemonAccess.paths(root()));
        DaemonConnector.Connection fresh = connector.connect();
        fresh.client().close();
        info("tend daemon restarted (pid " + fresh.hello().get("pid") + ")");
        return ExitCode.OK;
    }
}
