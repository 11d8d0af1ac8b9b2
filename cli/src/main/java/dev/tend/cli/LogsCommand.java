package dev.tend.cli;

import dev.tend.client.RpcClient;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print services' logs (timestamped; stderr lines marked '!'), then follow with -f.")
final class LogsCommand extends TendSubcommand {
    @Parameters(paramLabel = "REF", arity = "0..*", description = "service or project/service (default: every service of this project)")
    List<String> refs = List.of();

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100", description = "Lines from the end (default ${DEFAULT-VALUE}; 0: all).")
    int lines;

    @Option(names = "--since", paramLabel = "DUR|TIME", description = "Only lines newer than this: 10m, 2h, or an ISO time.")
    String since;

    @Option(names = "--stream", paramLabel = "out|err", description = "Only stdout or only stderr.")
    String stream;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (RpcClient client = connect().client()) {
            List<String> targets = refs.isEmpty() ? projectServices(client) : refs;
            boolean many = targets.size() > 1;
            Map<String, String> next = new LinkedHashMap<>();
            for (String ref : targets) {
                Map<String, Object> params = base(ref);
                params.put("tail", lines);
                if (since != null) {
                    params.put("since", since);
                }
                Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
                print(page, many);
                next.put(ref, JsonObjects.string(page, "next"));
            }
            out().flush();
            while (follow) {
                // Polls the files' positions; live push arrives with event subscriptions.
                Thread.sleep(250);
                for (String ref : targets) {
                    Map<String, Object> params = base(ref);
                    params.put("after", next.get(ref));
                    Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
                    print(page, many);
                    next.put(ref, JsonObjects.string(page, "next"));
                }
                out().flush();
            }
        }
        return ExitCode.OK;
    }

    private Map<String, Object> base(String ref) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ref", ref);
        params.put("dir", cwd());
        if (stream != null) {
            params.put("stream", stream);
        }
        return params;
    }

    private List<String> projectServices(RpcClient client) throws Exception {
        Map<String, Object> r = JsonObjects.object(client.call(Methods.SERVICE_LIST, Map.of("dir", cwd())));
        List<String> refs = new ArrayList<>();
        for (Object o : JsonObjects.array(r.get("services"))) {
            Map<String, Object> s = JsonObjects.object(o);
            refs.add(s.get("project") + "/" + s.get("name"));
        }
        return refs;
    }

    private void print(Map<String, Object> page, boolean withService) {
        if (JsonObjects.bool(page, "gap")) {
            err().println("tend: some lines were rotated away before they could be read");
        }
        for (Object o : JsonObjects.array(page.get("lines"))) {
            Map<String, Object> line = JsonObjects.object(o);
            out().println(json ? dev.tend.protocol.json.Json.write(line) : LogLineFormat.format(line, withService, ZoneId.systemDefault()));
        }
    }
}
