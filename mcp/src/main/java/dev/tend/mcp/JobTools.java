package dev.tend.mcp;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** list_jobs and run_job (which waits for the run's end on a connection of its own, bounded by a timeout). */
final class JobTools extends ToolGroup {
    private static final int OUTPUT_LINES = 50;

    JobTools(Context context) {
        super(context);
    }

    @Override
    void register(ToolSet tools) {
        tools.reading("list_jobs", "List scheduled jobs",
                "Lists tend's scheduled jobs (cron-like tasks of a project). Returns JSON {jobs: [{job "
                        + "(project/name), schedule, state (idle, running, paused), nextRun, command, lastRun: "
                        + "{run, outcome (succeeded, failed, timed-out, ...), startedAt, endedAt, durationMs, "
                        + "exitCode, reason}}]}. Without a project, every project's jobs.",
                new Schema().string("project", "Only this project's jobs."),
                this::list);
        tools.acting("run_job", "Run a job now",
                "Runs a scheduled job now, outside its schedule, and waits for it to end (up to the timeout). "
                        + "Returns a JSON line {job, queued, run: {run, outcome, exitCode, durationMs, reason}} "
                        + "followed by the last " + OUTPUT_LINES + " lines of its output. If it is still "
                        + "running at the timeout, says so; read_job_log reads its output later.",
                new Schema().requiredString("job", "The job's name, or project/name.")
                        .string("project", Targets.PROJECT_HELP)
                        .integer("timeout_seconds", "How long to wait for its end (default 300).", 1, 3600),
                true, false, this::run);
    }

    private Object list(Args a) {
        String project = a.string("project");
        Map<String, Object> r = link.call(Methods.JOB_LIST, project == null ? Map.of() : Map.of("project", project));
        List<Object> jobs = new ArrayList<>();
        for (Object o : JsonObjects.array(r.get("jobs"))) {
            jobs.add(views.job(JsonObjects.object(o)));
        }
        return Map.of("jobs", jobs);
    }

    private Object run(Args a) {
        Map<String, Object> p = targets.ref(a, "job");
        int timeout = a.integer("timeout_seconds", 300, 1, 3600);
        p.put("wait", true);
        Map<String, Object> r;
        TimedConnection connection = timed(timeout);
        try (connection) {
            r = JsonObjects.object(DaemonLink.call(connection.client(), Methods.JOB_RUN, p));
        } catch (ToolError e) {
            if (connection.timedOut()) {
                return "the job is still running after " + timeout + " s (it goes on); read_job_log shows its "
                        + "output so far, list_jobs its state";
            }
            throw e;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", r.get("project") + "/" + r.get("job"));
        out.put("queued", r.get("queued"));
        Map<String, Object> run = views.run(r.get("run"));
        out.put("run", run);
        String head = dev.tend.protocol.json.Json.write(out);
        if (run == null) {
            return head;
        }
        Map<String, Object> logs = new LinkedHashMap<>();
        logs.put("ref", r.get("project") + "/" + r.get("job"));
        logs.put("run", run.get("run"));
        logs.put("tail", OUTPUT_LINES);
        List<Map<String, Object>> lines = LogPages.read(q -> link.call(Methods.JOB_LOGS, q), logs, OUTPUT_LINES,
                t -> true);
        return head + "\noutput (last " + OUTPUT_LINES + " lines at most):\n"
                + LogPages.render(lines, false, "(no output)");
    }
}
