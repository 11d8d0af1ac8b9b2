package dev.tend.cli;

import dev.tend.client.LogStitcher;
import dev.tend.client.RpcClient;
import dev.tend.protocol.Methods;
import dev.tend.protocol.ReplicaNames;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print services' logs (timestamped; stderr lines marked '!'), then follow with -f.",
                "Several services (a project's, or --all) are merged in time order, each line prefixed by its service.",
                "-f follows live (no line lost or repeated, across rotation) until Ctrl-C (exit 130), or until",
                "what it follows is removed (exit 0); it exits 4 with a message when the daemon stops. Once nobody reads the output any more",
                "(e.g. after `| head -1`) it ends quietly with exit 141."})
final class LogsCommand extends TendSubcommand {
    @Parameters(paramLabel = "REF", arity = "0..*", description = "service or project/service (default: every service of this project)")
    List<String> refs = List.of();

    @Option(names = {"-a", "--all"}, description = "Every service of every project.")
    boolean all;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100", description = "Lines from the end (default ${DEFAULT-VALUE}; 0: all).")
    int lines;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only lines from then on: 10m, 2h (ago), 2026-12-04, '2026-12-04 17:00', 17:00 (today), yesterday, or an ISO time.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Only lines up to then (same forms as --since); not with -f.")
    String until;

    /** Made here, not by picocli: {@link HotCommands} parses into it too. */
    @Mixin
    StreamOption stream = new StreamOption();

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = "--full-time", description = "Print each line's date, time and zone offset (2026-12-04T17:00:01.234+01:00), not only the time of day.")
    boolean fullTime;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    /** Ends the command once nobody reads what it prints; checked after each page or event. */
    private OutputWatch watch;

    /** What is read and followed: "project/service" refs, the events.subscribe filter, whether it is a group. */
    private record Targets(List<String> services, Map<String, Object> filter, boolean followsGroup) {
    }

    /** The services printed so far (while following: grows as copies or services appear). */
    private List<String> services;
    /** --since as the daemon reads it (null without it). */
    private String sinceResolved;
    /**
     * --since given as a time (not as a duration ago), which may be ahead: lines that follow are held to it too,
     * as the daemon holds the tail (a `-f --since tomorrow` prints nothing until then).
     */
    private Instant sinceTime;

    /** How lines are prefixed: set once the services are known. */
    private boolean many;
    private boolean grouped;
    private boolean withProject;
    private int labelWidth;
    /** stdout is a terminal: a service's escape sequences are shown, not obeyed (TerminalText). */
    private boolean terminal; // set by call(): picocli makes every command object at each start

    @Override
    public Integer call() throws Exception {
        terminal = Colors.stdoutIsTerminal();
        lines(lines, 0);
        if (follow && until != null) {
            throw new CliException(ExitCode.USAGE, "--until ends what is printed, -f never ends: use one of them");
        }
        if (all && !refs.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "give services or --all, not both");
        }
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime now = ZonedDateTime.now(zone);
        String from = since == null ? null : LogTimes.resolve("--since", since, zone, now);
        sinceResolved = from;
        sinceTime = LogTimes.instantOrNull(from); // a time, not a duration ago
        String to = until == null ? null : LogTimes.resolve("--until", until, zone, now);
        Instant untilTime = LogTimes.instantOrNull(to);
        if (sinceTime != null && untilTime != null && sinceTime.isAfter(untilTime)) {
            throw new CliException(ExitCode.USAGE, "--since " + since + " is after --until " + until
                    + ": no line is between them");
        }
        try (RpcClient client = connect().client(); OutputWatch w = OutputWatch.start(out(), client)) {
            watch = w;
            try {
                printAndFollow(client, zone, from, to);
            } catch (Exception e) {
                throw w.explain(LogTimes.asOption(e));
            }
        }
        return ExitCode.OK;
    }

    private void printAndFollow(RpcClient client, ZoneId zone, String from, String to) throws Exception {
        Targets targets = targets(client);
        LogStitcher stitcher = new LogStitcher((service, after) -> {
            Map<String, Object> params = base(service, null);
            params.put("after", after);
            return JsonObjects.object(client.call(Methods.LOGS_READ, params));
        }, (service, printed, gap) -> {
            seen(service);
            print(onlyStream(printed), gap);
            watch.check();
        });
        List<String> services = new ArrayList<>(); // "project/service", resolved by the daemon
        List<Map<String, Object>> pages = new ArrayList<>();
        for (String ref : targets.services()) {
            Map<String, Object> params = base(ref, to);
            params.put("tail", lines);
            if (from != null) {
                params.put("since", from);
            }
            Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
            pages.add(page);
            services.add(page.get("project") + "/" + page.get("service"));
        }
        grouped = targets.followsGroup();
        labels(services);
        List<List<Map<String, Object>>> first = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            Map<String, Object> page = pages.get(i);
            gap(page);
            stitcher.delivered(services.get(i), JsonObjects.string(page, "next"));
            first.add(lines(page.get("lines")));
        }
        // Up to the end each tail saw: a service writing faster than we print would never let us finish.
        LogMerge.merge(first, i -> {
            Map<String, Object> last = pages.get(i);
            if (!JsonObjects.bool(last, "more")) {
                return null;
            }
            Map<String, Object> params = base(services.get(i), to);
            params.put("after", JsonObjects.string(last, "next"));
            params.put("before", JsonObjects.string(last, "end"));
            Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
            pages.set(i, page);
            gap(page);
            stitcher.delivered(services.get(i), JsonObjects.string(page, "next"));
            watch.check();
            return lines(page.get("lines"));
        }, lines, line -> print(line, zone));
        watch.check();
        if (follow) {
            this.services = services;
            follow(client, targets.filter(), stitcher);
        }
    }

    /**
     * The services to read now and what to follow: with no ref, this project (so a service a reload adds is
     * followed too); `api` of a replicated service, the group (so copies a scale adds are followed too); `api#2`,
     * that copy alone; --all, everything.
     */
    private Targets targets(RpcClient client) throws Exception {
        if (all) {
            return new Targets(services(client, Map.of()), Map.of(), false);
        }
        if (refs.isEmpty()) {
            Map<String, Object> r = JsonObjects.object(client.call(Methods.SERVICE_LIST, Map.of("dir", cwd())));
            String project = JsonObjects.string(r, "project");
            return new Targets(refsOf(r), project == null ? Map.of("services", refsOf(r)) : Map.of("project", project),
                    false);
        }
        List<String> meant = new ArrayList<>();
        List<String> followed = new ArrayList<>();
        boolean group = false;
        for (String ref : refs) {
            List<String> found = services(client, TendSubcommand.refParams(ref));
            meant.addAll(found);
            for (String service : found) {
                String copyOf = ReplicaNames.groupOf(service);
                if (copyOf != null && ReplicaNames.groupOf(ref) == null) {
                    group = true;
                    service = copyOf; // the group's ref covers its copies, present and future (docs/protocol.md)
                }
                if (!followed.contains(service)) {
                    followed.add(service);
                }
            }
        }
        return new Targets(meant, Map.of("services", followed), group);
    }

    /** A service first heard of while following (a copy a scale added, a service a reload added): label from now on. */
    private void seen(String service) {
        if (services != null && !services.contains(service)) {
            services.add(service);
            labels(services);
        }
    }

    /** One service's lines bare; several (or a group's copies) prefixed by service (project/service when they span projects), aligned. */
    private void labels(List<String> services) {
        many = services.size() > 1 || grouped;
        withProject = services.stream().map(s -> s.substring(0, s.indexOf('/'))).distinct().count() > 1;
        for (String s : services) {
            labelWidth = Math.max(labelWidth, withProject ? s.length() : s.length() - s.indexOf('/') - 1);
        }
    }

    /**
     * Subscribes, then reads what was written since the tail was read (the subscription covers everything after
     * it), then prints each log.appended as {@link LogStitcher} says. Ends with Ctrl-C (130) or exit 4.
     */
    private void follow(RpcClient client, Map<String, Object> filter, LogStitcher stitcher) throws Exception {
        FollowEnd end = FollowEnd.of(filter, services);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("topics", end.canEnd() ? List.of("log", "service", "daemon") : List.of("log", "daemon"));
        if (!filter.isEmpty()) {
            params.put("filter", filter);
        }
        Subscriber.run(client, params, new Subscriber.Handler() {
            @Override
            public void subscribed(Map<String, Object> result) throws Exception {
                stitcher.resubscribed();
                endIf(end.subscribed(result));
                for (String service : appeared(result)) {
                    // added between the tail and the subscription: its tail as if it had been there at the start
                    Map<String, Object> params = base(service, null);
                    params.put("tail", lines);
                    if (since != null) {
                        params.put("since", sinceResolved);
                    }
                    Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, params));
                    seen(service);
                    print(onlyStream(page.get("lines")), JsonObjects.bool(page, "gap"));
                    stitcher.delivered(service, JsonObjects.string(page, "next"));
                }
                for (String service : List.copyOf(services)) {
                    stitcher.catchUp(service);
                }
                watch.check();
            }

            @Override
            public void event(String method, Map<String, Object> p) throws Exception {
                if (Methods.LOG_APPENDED.equals(method)) {
                    stitcher.appended(p);
                    watch.check();
                }
                endIf(end.event(method, p));
            }
        }, err());
    }

    /** Ends the follow, saying why, once nothing is left to follow (exit 0: nothing went wrong). */
    private void endIf(String why) {
        if (why != null) {
            out().flush();
            throw new CliException(ExitCode.OK, why);
        }
    }

    /** The services of the subscription's snapshot not printed yet ("project/service"). */
    private List<String> appeared(Map<String, Object> result) {
        Object snapshot = result.get("snapshot");
        if (!(snapshot instanceof Map<?, ?>)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : JsonObjects.array(JsonObjects.object(snapshot).get("services"))) {
            Map<String, Object> s = JsonObjects.object(o);
            String ref = s.get("project") + "/" + s.get("name");
            if (!services.contains(ref)) {
                out.add(ref);
            }
        }
        return out;
    }

    /**
     * A log.appended carries both streams; --stream narrows it here as logs.read does on the daemon (a page the
     * daemon narrowed already passes unchanged).
     */
    private List<Object> onlyStream(Object lines) {
        return stream.filter(JsonObjects.array(lines));
    }

    private Map<String, Object> base(String ref, String to) {
        Map<String, Object> params = refParams(ref);
        stream.addTo(params);
        if (to != null) {
            params.put("until", to);
        }
        return params;
    }

    /** "project/service" of every service service.list gives for the params (this project's, or all). */
    private List<String> services(RpcClient client, Map<String, Object> params) throws Exception {
        return refsOf(JsonObjects.object(client.call(Methods.SERVICE_LIST, params)));
    }

    private static List<String> refsOf(Map<String, Object> r) {
        List<String> refs = new ArrayList<>();
        for (Object o : JsonObjects.array(r.get("services"))) {
            Map<String, Object> s = JsonObjects.object(o);
            refs.add(s.get("project") + "/" + s.get("name"));
        }
        return refs;
    }

    private static List<Map<String, Object>> lines(Object lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : JsonObjects.array(lines)) {
            out.add(JsonObjects.object(o));
        }
        return out;
    }

    private void gap(Map<String, Object> page) {
        if (JsonObjects.bool(page, "gap")) {
            err().println(LogLineFormat.GAP_NOTICE);
        }
    }

    private void print(Object lines, boolean gap) {
        if (gap) {
            err().println(LogLineFormat.GAP_NOTICE);
        }
        ZoneId zone = ZoneId.systemDefault();
        for (Object o : JsonObjects.array(lines)) {
            print(JsonObjects.object(o), zone);
        }
    }

    private void print(Map<String, Object> line, ZoneId zone) {
        if (sinceTime != null && line.get("time") != null && Instant.parse(line.get("time").toString()).isBefore(sinceTime)) {
            return;
        }
        out().println(json ? Json.write(line) : shown(LogLineFormat.format(line,
                many ? LogLineFormat.label(line, withProject, labelWidth) : null, zone, fullTime)));
    }

    private String shown(String text) {
        return terminal ? TerminalText.safe(text) : text;
    }
}
