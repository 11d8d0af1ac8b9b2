package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List the scheduled jobs of this directory's project: schedule, next run, last result.")
final class JobsCommand extends TendSubcommand {

    @Option(names = {"-a", "--all"}, description = "Every project's jobs, ad-hoc ones included.")
    boolean all;

    @Option(names = "--json", description = "One JSON array of job objects.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Scoped scoped = callHereOrAll(Methods.JOB_LIST, all, json, "tend jobs --all");
        List<Object> jobs = JsonObjects.array(scoped.result().get("jobs"));
        if (json) {
            out().println(Json.write(jobs));
        } else if (jobs.isEmpty()) {
            info("no jobs" + (scoped.everything() ? "" : " in this project") + ": declare them under jobs: in tend.yaml, "
                    + "or add one with `tend job add NAME --schedule SPEC -- CMD`");
        } else {
            out().print(JobsTable.format(jobs.stream().map(JsonObjects::object).toList(), scoped.everything(), Instant.now()));
        }
        return ExitCode.OK;
    }
}
