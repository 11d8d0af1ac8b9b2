package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import picocli.CommandLine.Command;

@Command(name = "stop", description = "Stop the daemon and its services (their desired state is kept). Never starts a daemon.",
        mixinStandardHelpOptions = true)
final class DaemonStopCommand extends TendSubcommand {

    @Override
    public Integer call() throws Exception {
        DaemonConnector.Connection c = DaemonAccess.connector(root()).connectIfRunning();
        if (c == null) {
            info("no tend daemon is running (instance " + DaemonAccess.paths(root()).instance() + ")");
            return ExitCode.OK;
        }
        Object pid = c.hello().get("pid");
        DaemonStopper.stop(c, DaemonAccess.paths(root()));
        info("tend daemon stopped (pid " + pid + ")");
        return ExitCode.OK;
    }
}
