package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** start / stop / restart / signal: the same call for each REF, one connection, every REF tried. */
abstract class ServiceAction extends TendSubcommand {

    @Option(names = "--json", description = "Print one JSON array: each service's state after the action.")
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

    /** Whether the action stops services, and so may wait for one that ignores its stop signal. */
    boolean stops() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        try (SlowStop notice = stops() ? SlowStop.watch(() -> stopping(refs().stream().map(TendSubcommand::refParams)
                .toList()), err()) : null) {
            return act();
        }
    }

    private int act() throws Exception {
        List<Object> results = new ArrayList<>();
        int exit = eachRef(method, refs(), ref -> {
            Map<String, Object> params = refParams(ref);
            addParams(params);
            return params;
        }, (ref, answer) -> {
            for (Map<String, Object> s : services(JsonObjects.object(answer))) {
                results.add(s);
                if (!json) {
                    info(s.get("project") + "/" + s.get("name") + ": " + verb() + " (" + PsTable.state(s) + ")");
                }
            }
        });
        if (json) {
            out().println(Json.write(results));
        }
        return exit;
    }

    /** The service of an answer, or each copy of a replicated one (a GroupAnswer, docs/protocol.md). */
    static List<Map<String, Object>> services(Map<String, Object> answer) {
        if (!answer.containsKey("copies")) {
            return List.of(answer);
        }
        return JsonObjects.array(answer.get("copies")).stream().map(JsonObjects::object).toList();
    }
}
