package dev.tend.cli;

import dev.tend.protocol.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options and the list of commands. */
@Command(name = "tend",
        mixinStandardHelpOptions = true,
        versionProvider = TendCommand.VersionProvider.class,
        description = "A local process supervisor: one daemon per user runs your projects' services and jobs.")
public final class TendCommand extends CommandGroup {
    /**
     * Every command, in --help order: adding a command is one line here. They are not picocli
     * {@code subcommands} because building picocli's model of all of them costs more than the rest of
     * {@code tend ps}: {@link CommandModel} registers only the one that runs.
     */
    static final Class<?>[] COMMANDS = {
                UpCommand.class,
                DownCommand.class,
                ForgetCommand.class,
                PsCommand.class,
                StartCommand.class,
                StopCommand.class,
                RestartCommand.class,
                SignalCommand.class,
                ScaleCommand.class,
                RunCommand.class,
                RmCommand.class,
                LogsCommand.class,
                EventsCommand.class,
                TuiCommand.class,
                McpCommand.class,
                HistoryCommand.class,
                JobsCommand.class,
                JobCommand.class,
                ReloadCommand.class,
                ConfigCommand.class,
                DaemonCommand.class,
                CompletionCommand.class,
                ExportCommand.class,
                DoctorCommand.class,
                CompleteCommand.class,
    };

    @Option(names = "--instance", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Daemon instance to talk to (default: $TEND_INSTANCE, else \"default\").")
    String instance;

    @Option(names = "--daemon-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "How long to wait for each answer of the daemon before asking whether it is alive "
                    + "(default: $TEND_DAEMON_TIMEOUT, else 5; 0: for ever). Events are awaited for ever.")
    String daemonTimeout;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Plain output without colors.")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only errors.")
    boolean quiet;

    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tend " + Version.current() + " (" + Version.commit() + ")"};
        }
    }
}
