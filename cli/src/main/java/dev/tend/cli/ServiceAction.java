package dev.tend.cli;

import dev.tend.client.RpcClient;
import dev.tend.protocol.json.JsonObjects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** start / stop / restart / signal: the same call for each REF, one connection, every REF tried. */
abstract class ServiceAction extends TendSubcommand {

    @picocli.CommandLine.Option(names = "--json", description = "Print one JSON array: each service's state after the action.")
    boolean json;

    private final String method;
    private final String verb;

    /** @param verb what the action did, as its line says ("api: started (running)") */
    ServiceAction(String method, String verb) {
        this.method = method;
        this.verb = verb;
    }

    String verb() {
        return verb;
    }

    abstract List<String> refs();

    void addParams(Map<String, Object> params) {
    }

    @Override
    public Integer call() throws Exception {
        CliException first = null;
        java.util.List<Object> results = new java.util.ArrayList<>();
        try (RpcClient client = connect().client()) {
            for (String ref : refs()) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("ref", ref);
                params.put("dir", cwd());
                addParams(params);
                try {
                    Map<String, Object> s = JsonObjects.object(client.call(method, params));
                    if (json) {
                        results.add(s);
                    } else {
                        info(s.get("project") + "/" + s.get("name") + ": " + verb() + " (" + PsTable.state(s) + ")");
                    }
                } catch (dev.tend.client.RpcError e) {
                    CliException c = Errors.map(e);
                    err().println("tend: " + ref + ": " + c.getMessage());
                    first = first == null ? c : first;
                }
            }
        }
        if (json) {
            out().println(dev.tend.protocol.json.Json.write(results));
        }
        if (first != null) {
            return first.exitCode();
        }
        return ExitCode.OK;
    }
}
