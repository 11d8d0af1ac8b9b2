package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.tend.client.RpcClient;
import dev.tend.protocol.json.JsonObjects;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
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

    /** One call on a fresh connection; the result as a JSON object. */
    Map<String, Object> call(String method, Map<String, ?> params) throws Exception {
        try (RpcClient client = connect().client()) {
            return JsonObjects.object(client.call(method, params));
        }
    }

    /** The working directory the user ran tend in: it picks the project. */
    static String cwd() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().toString();
    }

    /** Prints an informational line unless -q. */
    void info(String line) {
        if (!root().quiet) {
            out().println(line);
        }
    }
}
