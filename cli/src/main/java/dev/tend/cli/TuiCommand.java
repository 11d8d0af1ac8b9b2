package dev.tend.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Listed for --help, completion and the manual; the TUI is a program of its own (Lanterna, its own JVM flags),
 * which bin/tend starts for `tend tui` before this CLI is reached. The options here mirror the TUI's own.
 */
@Command(name = "tui", mixinStandardHelpOptions = true,
        description = {"The terminal UI: a live table of services with their CPU and memory, their logs, and keys to "
                + "steer them.", "Needs a terminal; press ? inside for the keys. Colours follow --no-color and NO_COLOR."})
final class TuiCommand extends TendSubcommand {
    @Option(names = {"-p", "--project"}, paramLabel = "P",
            description = "Show this project (default: the project of the current directory, else all).")
    String project;

    @Option(names = {"-a", "--all"}, description = "Show every project.")
    boolean all;

    @Override
    public Integer call() {
        // Reached only when the CLI's Main runs without bin/tend in front (an IDE, a hand-made java command):
        // starting the TUI from here would need its classpath and JVM flags, which only the launcher knows.
        String launcher = System.getProperty("tend.launcher");
        throw new CliException(ExitCode.USAGE, "the TUI runs in a JVM of its own: start it through the launcher, as `"
                + (launcher != null ? launcher : "bin/tend") + " tui`");
    }
}
