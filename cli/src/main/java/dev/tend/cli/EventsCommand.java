package dev.tend.cli;

import dev.tend.client.RpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Print every state change as it happens.",
                "Runs until Ctrl-C (exit 130), or until nobody reads the output any more (e.g. after `| head -1`:",
                "exit 141, quietly).",
                "With --json: one JSON object per line, {\"method\", \"params\"}, exactly the daemon's notifications.",
                "Exits 4 with a message when the daemon stops. Falling behind is reported on stderr and the",
                "subscription is renewed (the events.lagged notification is printed too)."})
final class EventsCommand extends TendSubcommand {
    @Option(names = "--topic", paramLabel = "TOPIC", split = ",",
            description = "service, log, job, daemon or usage (CPU and memory of running services every 2 s);"
                    + " repeatable (default: service, job, daemon).")
    List<String> topics = List.of();

    @Option(names = {"-p", "--project"}, paramLabel = "P", description = "Only this project's services, jobs and logs.")
    String project;

    @Option(names = "--json", description = "NDJSON: one notification per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        terminal = Colors.stdoutIsTerminal();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!topics.isEmpty()) {
            params.put("topics", topics);
        }
        if (project != null) {
            String bad = dev.tend.protocol.NameRule.problem("project", project);
            if (bad != null) {
                throw new CliException(ExitCode.USAGE, "-p: " + bad);
            }
            params.put("filter", Map.of("project", project));
        }
        ZoneId zone = ZoneId.systemDefault();
        try (RpcClient client = connect().client(); OutputWatch watch = OutputWatch.start(out(), client)) {
            try {
                follow(client, params, zone, watch);
            } catch (Exception e) {
                throw watch.explain(e);
            }
        }
        return ExitCode.OK;
    }

    private boolean warnedUnknown;

    private static boolean registered(Map<String, Object> result, String project) {
        if (!(result.get("snapshot") instanceof Map<?, ?> snapshot)) {
            return true; // a daemon that sends no snapshot: nothing to say
        }
        for (Object p : dev.tend.protocol.json.JsonObjects.array(snapshot.get("projects"))) {
            if (project.equals(dev.tend.protocol.json.JsonObjects.object(p).get("name"))) {
                return true;
            }
        }
        return false;
    }

    /** stdout is a terminal: log lines' escape sequences are shown, not obeyed (TerminalText). */
    private boolean terminal; // set by call(): picocli makes every command object at each start

    private void follow(RpcClient client, Map<String, Object> params, ZoneId zone, OutputWatch watch) throws Exception {
        Subscriber.run(client, params, new Subscriber.Handler() {
            @Override
            public void subscribed(Map<String, Object> result) {
                // the snapshot is for peers that keep state; this command prints changes only. But a project none
                // has heard of would wait in silence for ever: said once (it may be about to come: `tend up` there).
                if (project != null && !registered(result, project) && !warnedUnknown) {
                    warnedUnknown = true;
                    err().println("tend: no project '" + project + "' is registered: waiting for its events "
                            + "(`tend up` there registers it; Ctrl-C ends)");
                }
            }

            @Override
            public void event(String method, Map<String, Object> p) {
                if (json) {
                    out().println(EventFormat.json(method, p));
                } else {
                    EventFormat.readable(method, p, zone).forEach(l -> out().println(terminal ? TerminalText.safe(l) : l));
                }
                watch.check();
            }
        }, err());
    }
}
