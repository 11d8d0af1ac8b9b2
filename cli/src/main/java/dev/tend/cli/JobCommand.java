package dev.tend.cli;

import picocli.CommandLine.Command;

/** `tend job ...`: one scheduled job. */
@Command(name = "job", description = "Add, remove, run a scheduled job; show its history and logs.",
        mixinStandardHelpOptions = true,
        subcommands = {
                JobAddCommand.class,
                JobRmCommand.class,
                JobRunCommand.class,
                JobHistoryCommand.class,
                JobLogsCommand.class,
        })
final class JobCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
