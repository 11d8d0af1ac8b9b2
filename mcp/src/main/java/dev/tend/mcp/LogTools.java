package dev.tend.mcp;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** read_logs (a service's or a whole project's) and read_job_log. */
final class LogTools extends ToolGroup {
    LogTools(Context context) {
        super(context);
    }

    @Override
    void register(ToolSet tools) {
        tools.reading("read_logs", "Read logs",
                "Reads what a service wrote to stdout and stderr, or, without a service, all services of a "
                        + "project interleaved by time. Returns text, oldest line first, one line each: "
                        + "'TIME | text' (stderr: 'TIME err| text'; for a project the service's name follows "
                        + "the time). At most " + LogPages.MAX_CHARS + " characters: past that the oldest lines "
                        + "are left out and a first line beginning '[tend:' says how many.",
                new Schema().string("service", "The service's name (e.g. api), or project/name; leave out to "
                                + "read every service of the project.")
                        .string("project", Targets.PROJECT_HELP)
                        .integer("tail", "How many of the newest lines (default 100).", 1, 5000)
                        .string("since", "Only lines written since then: a duration such as 10m or 2h, or an "
                                + "ISO-8601 time such as 2026-12-05T13:00:00Z.")
                        .stringEnum("stream", "Only stdout (out) or only stderr (err).", "out", "err")
                        .string("pattern", "Only lines that match this regular expression (Java syntax; plain "
                                + "words match themselves), searched in the last " + LogPages.SEARCH_LINES
                                + " lines of each log; tail then counts matching lines."),
                this::readLogs);
        tools.reading("read_job_log", "Read a job run's log",
                "Reads the output of one run of a scheduled job (the latest run unless 'run' is given). "
                        + "Returns a first line describing the run (its number, outcome, exit code), then its "
                        + "lines as read_logs shows them, bounded the same way.",
                new Schema().requiredString("job", "The job's name, or project/name.")
                        .string("project", Targets.PROJECT_HELP)
                        .integer("run", "The run's number (list_jobs and run_job show it); default the latest.",
                                1, Integer.MAX_VALUE)
                        .integer("tail", "How many of the newest lines (default 100).", 1, 5000),
                this::readJobLog);
    }

    private Object readLogs(Args a) {
        int tail = a.integer("tail", 100, 1, 5000);
        Predicate<String> filter = LogPages.matcher(a.string("pattern"));
        boolean searching = a.string("pattern") != null;
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("tail", searching ? LogPages.SEARCH_LINES : tail);
        Views.putIfSet(first, "since", a.string("since"));
        Views.putIfSet(first, "stream", a.string("stream"));
        String none = searching ? "(no line matches)" : "(no lines yet)";
        if (a.string("service") != null) {
            Map<String, Object> params = new LinkedHashMap<>(targets.ref(a, "service"));
            params.putAll(first);
            return LogPages.render(LogPages.read(p -> link.call(Methods.LOGS_READ, p), params, tail, filter),
                    false, none);
        }
        Map<String, Object> list = link.call(Methods.SERVICE_LIST, targets.project(a));
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object o : JsonObjects.array(list.get("services"))) {
            Map<String, Object> s = JsonObjects.object(o);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("ref", s.get("project") + "/" + s.get("name"));
            params.putAll(first);
            all.addAll(LogPages.read(p -> link.call(Methods.LOGS_READ, p), params, tail, filter));
        }
        all.sort(Comparator.comparing(l -> String.valueOf(l.get("time")))); // fixed-width UTC: text order is time order
        List<Map<String, Object>> newest = all.subList(Math.max(0, all.size() - tail), all.size());
        return LogPages.render(newest, true, none);
    }

    private Object readJobLog(Args a) {
        int tail = a.integer("tail", 100, 1, 5000);
        Map<String, Object> params = targets.ref(a, "job");
        params.put("tail", tail);
        int run = a.integer("run", 0, 1, Integer.MAX_VALUE);
        if (run > 0) {
            params.put("run", run);
        }
        AtomicReference<Map<String, Object>> firstPage = new AtomicReference<>();
        List<Map<String, Object>> lines = LogPages.read(p -> {
            Map<String, Object> page = link.call(Methods.JOB_LOGS, p);
            if (firstPage.compareAndSet(null, page) && run == 0) {
                // later pages stay in this run, not a newer one begun meanwhile (the pager copies params)
                params.put("run", JsonObjects.object(page.get("run")).get("id"));
            }
            return page;
        }, params, tail, t -> true);
        Map<String, Object> r = JsonObjects.object(firstPage.get().get("run"));
        String head = "run " + r.get("id") + " of " + firstPage.get().get("project") + "/" + firstPage.get().get("job")
                + ": " + r.get("outcome")
                + (r.get("exitCode") != null ? ", exit code " + r.get("exitCode") : "")
                + (r.get("signal") != null ? ", " + r.get("signal") : "")
                + (r.get("reason") != null ? " (" + r.get("reason") + ")" : "")
                + (r.get("startedAt") != null ? ", started " + r.get("startedAt") : "");
        return head + "\n" + LogPages.render(lines, false, "(no output)");
    }
}
