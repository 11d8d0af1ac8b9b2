package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pause jobs' schedules: no scheduled or catch-up run starts until `tend job resume`, "
                + "also across daemon restarts.", "A run under way finishes; `tend job run` still runs a paused job."})
final class JobPauseCommand extends TendSubcommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "job or project/job")
    List<String> refs;

    @Option(names = "--json", description = "Print one JSON array of the jobs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return JobPauseCommand.apply(this, Methods.JOB_PAUSE, refs, json);
    }

    /** Pause or resume each job, printing "project/job: paused" (or the jobs as JSON). */
    static int apply(TendSubcommand command, String method, List<String> refs, boolean json) throws Exception {
        List<Object> jobs = new ArrayList<>();
        for (String ref : refs) {
            Map<String, Object> job = command.call(method, Map.of("ref", ref, "dir", TendSubcommand.cwd()));
            jobs.add(job);
            if (!json) {
                command.info(job.get("project") + "/" + job.get("name") + ": " + (Boolean.TRUE.equals(job.get("paused"))
                        ? "paused (`tend job resume " + ref + "` puts it back on its schedule)"
                        : "on its schedule" + (job.get("nextRun") != null ? ", next run " + job.get("nextRun") : "")));
            }
        }
        if (json) {
            command.out().println(dev.tend.protocol.json.Json.write(jobs));
        }
        return ExitCode.OK;
    }
}
