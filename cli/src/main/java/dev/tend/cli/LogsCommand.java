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
        description = {"Print services' logs (timestamped; stderr lines marked '!'), then follow with -f.",
                "-f follows live (no line lost or repeated, across rotation) until Ctrl-C (exit 130);",
                "it exits 4 with a message when the daemon stops. Once nobody reads the output any more",
                "(e.g. after `| head -1`) it ends quietly with exit 141."})
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

    /** Ends the command once nobody reads what it prints; checked after each page or event. */
    private OutputWatch watch;

    @Override
    public Integer call() throws Exception {
        try (RpcClient client = connect().client(); OutputWatch w = OutputWatch.start(out(), client)) {
            watch = w;
            try {
                printAndFollow(client);
            } catch (Exception e) {
                throw w.explain(e);
            }
        }
        return ExitCode.OK;
    }

    private void printAndFollow(RpcClient client) throws Exception {
        List<String> targets = refs.isEmpty() ? projectServices(client) : refs;
        boolean many = targets.size() > 1;
        LogFollower follower = new LogFollower();
        List<String> services = new ArrayList<>(); // "project/service", resolved by the daemon
        for (String ref : targets) {
            Map<String, Object> params = base(ref);
            params.put("tail", lines);
            if (since != null) {
                params.put("since", since);
            }
            Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
            print(page.get("lines"), JsonObjects.bool(page, "gap"), many);
            String service = page.get("project") + "/" + page.get("service");
            services.add(service);
            follower.printed(service, JsonObjects.string(page, "next"));
            if (JsonObjects.bool(page, "more")) {
                // Up to the end the tail saw: a service writing faster than we print would never let us finish.
                catchUp(client, service, follower, many, JsonObjects.string(page, "end"));
            }
        }
        watch.check();
        if (follow) {
            follow(client, services, follower, many);
        }
    }

    /**
     * Subscribes, then reads what was written since the tail was read (the subscription covers everything after
     * it), then prints each log.appended as {@link LogFollower} says. Ends with Ctrl-C (130) or exit 4.
     */
    private void follow(RpcClient client, List<String> services, LogFollower follower, boolean many) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("topics", List.of("log", "daemon"));
        params.put("filter", Map.of("services", services));
        Subscriber.run(client, params, new Subscriber.Handler() {
            @Override
            public void subscribed(Map<String, Object> result) throws Exception {
                follower.resubscribed();
                for (String service : services) {
                    catchUp(client, service, follower, many, null);
                }
                watch.check();
            }

            @Override
            public void event(String method, Map<String, Object> p) throws Exception {
                if (!"log.appended".equals(method)) {
                    return;
                }
                String service = p.get("project") + "/" + p.get("service");
                switch (follower.onEvent(service, JsonObjects.string(p, "next"))) {
                    case PRINT -> print(onlyStream(p.get("lines")), false, many);
                    case READ -> catchUp(client, service, follower, many, null);
                    case SKIP -> {
                    }
                }
                watch.check();
            }
        }, err());
    }

    /**
     * Prints what the service's log has after what was printed of it, up to {@code before} if not null, a page at
     * a time (a page holds what fits one message; {@code more} says the next page has lines), flushing each so a
     * long log streams out.
     */
    private void catchUp(RpcClient client, String service, LogFollower follower, boolean many, String before)
            throws Exception {
        while (true) {
            Map<String, Object> params = base(service);
            params.put("after", follower.printedUpTo(service));
            if (before != null) {
                params.put("before", before);
            }
            Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
            print(page.get("lines"), JsonObjects.bool(page, "gap"), many);
            follower.printed(service, JsonObjects.string(page, "next"));
            watch.check();
            if (!JsonObjects.bool(page, "more")) {
                return;
            }
        }
    }

    /** A log.appended carries both streams; --stream narrows it here as logs.read does on the daemon. */
    private List<Object> onlyStream(Object lines) {
        List<Object> all = JsonObjects.array(lines);
        if (stream == null) {
            return all;
        }
        String want = stream.startsWith("std") ? stream.substring(3) : stream;
        return all.stream().filter(o -> want.equals(JsonObjects.object(o).get("stream"))).toList();
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

    private void print(Object lines, boolean gap, boolean withService) {
        if (gap) {
            err().println("tend: some lines were rotated away before they could be read");
        }
        for (Object o : JsonObjects.array(lines)) {
            Map<String, Object> line = JsonObjects.object(o);
            out().println(json ? dev.tend.protocol.json.Json.write(line) : LogLineFormat.format(line, withService, ZoneId.systemDefault()));
        }
    }
}
