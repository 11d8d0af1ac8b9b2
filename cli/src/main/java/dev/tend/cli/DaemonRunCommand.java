package dev.tend.cli;

import picocli.CommandLine.Command;

/** Listed for --help; bin/tend runs the daemon's own JVM for `tend daemon run` before this CLI is reached. */
@Command(name = "run", description = "Run the daemon in the foreground (clients start it on their own).",
        mixinStandardHelpOptions = true)
final class DaemonRunCommand extends TendSubcommand {
    @Override
    public Integer call() {
        throw new CliException(ExitCode.USAGE, "`tend daemon run` must be started through the bin/tend launcher");
    }
}
