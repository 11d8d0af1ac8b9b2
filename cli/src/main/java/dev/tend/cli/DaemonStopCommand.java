package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.protocol.TendPaths;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.OptionalLong;

@Command(name = "stop", description = "Stop the daemon and its services (their desired state is kept). Never starts a daemon.",
        mixinStandardHelpOptions = true)
final class DaemonStopCommand extends TendSubcommand {

    @Override
    public Integer call() throws Exception {
        TendPaths paths = DaemonAccess.paths(root());
        DaemonConnector connector = DaemonAccess.connector(root());
        Map<String, Object> stopped = DaemonStopper.stopIfRunning(connector, paths);
        if (stopped != null) {
            info("tend daemon stopped (pid " + stopped.get("pid") + ")");
            return ExitCode.OK;
        }
        OptionalLong unreachable = connector.lockHolder();
        if (unreachable.isPresent()) {
            // It holds the pid lock but does not answer on the socket (the file was deleted): only a signal reaches it.
            DaemonStopper.stopBySignal(unreachable.getAsLong(), paths);
            info("tend daemon stopped by SIGTERM (pid " + unreachable.getAsLong() + "): it did not listen on "
                    + paths.socket());
            return ExitCode.OK;
        }
        info("no tend daemon is running (instance " + paths.instance() + ")");
        return ExitCode.OK;
    }
}
