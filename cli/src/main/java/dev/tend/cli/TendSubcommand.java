package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every command shares: its writers, the global options, and the way to the daemon. */
abstract class TendSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    TendCommand root() {
        return (TendCommand) spec.root().userObject();
    }

    DaemonConnector.Connection connect() throws DaemonUnavailableException {
        return DaemonAccess.connect(root());
    }

    /** Prints an informational line unless -q. */
    void info(String line) {
        if (!root().quiet) {
            out().println(line);
        }
    }
}
