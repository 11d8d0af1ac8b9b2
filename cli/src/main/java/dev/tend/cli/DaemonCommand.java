package dev.tend.cli;

import picocli.CommandLine.Command;

/** `tend daemon ...`: explicit control of the daemon, which normally needs none. */
@Command(name = "daemon", description = "Show, stop, restart or read the log of the tend daemon; start it at login.",
        mixinStandardHelpOptions = true,
        subcommands = {
                DaemonStatusCommand.class,
                DaemonStopCommand.class,
                DaemonRestartCommand.class,
                DaemonLogsCommand.class,
                DaemonRunCommand.class,
                DaemonEnableCommand.class,
                DaemonDisableCommand.class,
        })
final class DaemonCommand extends CommandGroup {
}
