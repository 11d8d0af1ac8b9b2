package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** job pause / job resume: the same call for each NAME (every one tried), printing "project/job: paused" (or the jobs as JSON). */
abstract class JobScheduleAction extends TendSubcommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "job or project/job")
    List<String> refs;

    @Option(names = "--json", description = "Print one JSON array of the jobs.")
    boolean json;

    private final String method;

    JobScheduleAction(String method) {
        this.method = method;
    }

    @Override
    public Integer call() throws Exception {
        List<Object> jobs = new ArrayList<>();
        int exit = eachRef(method, refs, TendSubcommand::refParams, (ref, answer) -> {
            Map<String, Object> job = JsonObjects.object(answer);
            jobs.add(job);
            if (!json) {
                info(job.get("project") + "/" + job.get("name") + ": " + (Boolean.TRUE.equals(job.get("paused"))
                        ? "paused (`tend job resume " + ref + "` puts it back on its schedule)"
                        : "on its schedule" + (job.get("nextRun") != null ? ", next run " + job.get("nextRun") : "")));
            }
        });
        if (json) {
            out().println(Json.write(jobs));
        }
        return exit;
    }
}
