package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import picocli.CommandLine.Command;

import java.util.OptionalLong;

@Command(name = "stop", description = "Stop the daemon and its services (their desired state is kept). Never starts a daemon.",
        mixinStandardHelpOptions = true)
final class DaemonStopCommand extends TendSubcommand {

    @Override
    public Integer call() throws Exception {
        DaemonConnector connector = DaemonAccess.connector(root());
        connector.awaitStartUnderWay(); // a start under way ends first: its daemon is the one to stop
        DaemonConnector.Connection c = connector.connectIfRunning();
        if (c == null) {
            OptionalLong unreachable = connector.lockHolder();
            if (unreachable.isPresent()) {
                // It holds the pid lock but does not answer on the socket (the file was deleted): only a signal reaches it.
                DaemonStopper.stopBySignal(unreachable.getAsLong(), DaemonAccess.paths(root()));
                info("tend daemon stopped by SIGTERM (pid " + unreachable.getAsLong() + "): it did not listen on "
                        + DaemonAccess.paths(root()).socket());
                return ExitCode.OK;
            }
            info("no tend daemon is running (instance " + DaemonAccess.paths(root()).instance() + ")");
            return ExitCode.OK;
        }
        Object pid = c.hello().get("pid");
        DaemonStopper.stop(c, DaemonAccess.paths(root()));
        info("tend daemon stopped (pid " + pid + ")");
        return ExitCode.OK;
    }
}
