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
final class DaemonCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
