package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add an ad-hoc job (project 'adhoc'), kept across daemon restarts until `tend job rm`.")
final class JobAddCommand extends TendSubcommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The job's name.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    @Option(names = "--schedule", required = true, paramLabel = "SPEC",
            description = "Cron (5 fields, or 6 with seconds first), @hourly/@daily/..., or \"@every 10m\".")
    String schedule;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Time zone of the cron schedule (default: the system's).")
    String timezone;

    @Option(names = "--overlap", paramLabel = "POLICY", description = "skip (default), queue or allow: what a due run does while one runs.")
    String overlap;

    @Option(names = "--timeout", paramLabel = "DUR", description = "Kill a run's whole process tree after this long (e.g. 10m).")
    String timeout;

    @Option(names = "--catch-up", description = "Run once after the daemon was down over a scheduled time.")
    boolean catchUp;

    @Mixin
    ProcessOptions process;

    @Option(names = "--json", description = "Print the added job as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("schedule", schedule);
        params.put("command", ShellWords.join(command));
        process.addTo(params);
        if (timezone != null) {
            params.put("timezone", timezone);
        }
        if (overlap != null) {
            params.put("overlap", overlap);
        }
        if (timeout != null) {
            params.put("timeout", timeout);
        }
        params.put("catchUp", catchUp);
        printAnswer(json, call(Methods.JOB_ADD, params), job -> "adhoc/" + job.get("name") + ": scheduled "
                + JobsTable.schedule(job) + (job.get("nextRun") != null ? ", next run " + job.get("nextRun") : ""));
        return ExitCode.OK;
    }
}
