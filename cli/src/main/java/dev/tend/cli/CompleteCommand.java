package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * `tend __complete services|projects`: names for the shell completion scripts. Never starts a daemon (a
 * Tab press must not) and never fails loudly: without a daemon, or on any error, it prints nothing.
 */
@Command(name = "__complete", hidden = true, description = "Names for shell completion (used by the scripts).")
final class CompleteCommand extends TendSubcommand {
    @Parameters(paramLabel = "WHAT", description = "services, jobs or projects")
    String what;

    @Override
    public Integer call() {
        try {
            DaemonConnector.Connection c = DaemonAccess.connector(root()).connectIfRunning();
            if (c == null) {
                return ExitCode.OK;
            }
            try (RpcClient client = c.client()) {
                for (String name : names(client)) {
                    out().println(name);
                }
            }
        } catch (Exception quiet) {
            // completion offers what it can; an error message would land in the middle of the command line
        }
        return ExitCode.OK;
    }

    private Set<String> names(RpcClient client) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        if (what.equals("projects")) {
            for (Object p : JsonObjects.array(JsonObjects.object(client.call(Methods.PROJECT_LIST, Map.of())).get("projects"))) {
                names.add(String.valueOf(JsonObjects.object(p).get("name")));
            }
            return names;
        }
        String method;
        String key;
        if (what.equals("services")) {
            method = Methods.SERVICE_LIST;
            key = "services";
        } else if (what.equals("jobs")) {
            method = Methods.JOB_LIST;
            key = "jobs";
        } else {
            return names;
        }
        try {
            for (Object s : list(client, method, key, Map.of("dir", cwd()))) {
                Map<String, Object> m = JsonObjects.object(s);
                if (m.get("group") != null) {
                    names.add(String.valueOf(m.get("group"))); // a replicated service: every copy, or one
                }
                names.add(String.valueOf(m.get("name")));
            }
        } catch (RpcError | CliException noProjectHere) { // none registered here, or the directory is gone
            // only project/name then
        }
        for (Object s : list(client, method, key, Map.of())) {
            Map<String, Object> m = JsonObjects.object(s);
            if (m.get("group") != null) {
                names.add(m.get("project") + "/" + m.get("group"));
            }
            names.add(m.get("project") + "/" + m.get("name"));
        }
        return names;
    }

    private static java.util.List<Object> list(RpcClient client, String method, String key, Map<String, Object> params)
            throws Exception {
        return JsonObjects.array(JsonObjects.object(client.call(method, params)).get(key));
    }
}
