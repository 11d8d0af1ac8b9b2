package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Put paused jobs back on their schedules from now on (the times missed while paused do not run).")
final class JobResumeCommand extends TendSubcommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "job or project/job")
    List<String> refs;

    @Option(names = "--json", description = "Print one JSON array of the jobs.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        return JobPauseCommand.apply(this, Methods.JOB_RESUME, refs, json);
    }
}
