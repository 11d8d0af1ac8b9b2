package dev.tend.cli;

import picocli.CommandLine.Command;

/** `tend job ...`: one scheduled job. */
@Command(name = "job", description = "Add, remove, run, pause or resume a scheduled job; show its history and logs.",
        mixinStandardHelpOptions = true,
        subcommands = {
                JobAddCommand.class,
                JobRmCommand.class,
                JobRunCommand.class,
                JobPauseCommand.class,
                JobResumeCommand.class,
                JobHistoryCommand.class,
                JobLogsCommand.class,
        })
final class JobCommand extends CommandGroup {
}
