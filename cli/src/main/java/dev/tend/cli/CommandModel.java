package dev.tend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Locale;

/**
 * picocli's model of the command line. Building it for every command costs more than the rest of a
 * warm {@code tend ps} (each subcommand is a CommandLine of its own, with its own reflection and type
 * converters), so a run registers only the command it names; --help, --version, a bare {@code tend} and
 * anything unrecognised get the full model, so usage, suggestions and completion stay complete. The commands
 * run most skip even this one-command model when their arguments parse: {@link HotCommands}.
 */
final class CommandModel {
    private CommandModel() {
    }

    /** The model a run with these arguments needs. */
    static CommandLine forArgs(String[] args) {
        Class<?> only = commandNamedIn(args);
        CommandLine cl = new CommandLine(new TendCommand());
        if (only != null) {
            cl.addSubcommand(only);
        } else {
            addAll(cl);
        }
        return cl;
    }

    /** Every command: for --help and completion scripts. */
    static CommandLine full() {
        CommandLine cl = new CommandLine(new TendCommand());
        addAll(cl);
        return cl;
    }

    private static void addAll(CommandLine cl) {
        for (Class<?> c : TendCommand.COMMANDS) {
            cl.addSubcommand(c);
        }
        // `tend help` and `tend help ps`, as git and most tools answer them; it needs every command, so it is not
        // one of COMMANDS (a run naming one of those builds that one alone)
        cl.addSubcommand(new CommandLine.HelpCommand());
    }

    /**
     * The command class the first word after the global options names, or null when the full model
     * is needed. The name is guessed from the class name (PsCommand is "ps") and confirmed by the
     * class's own {@code @Command(name)}; a command named otherwise is found by its annotation.
     */
    static Class<?> commandNamedIn(String[] args) {
        String word = firstCommandWord(args);
        if (word == null) {
            return null;
        }
        for (Class<?> c : TendCommand.COMMANDS) {
            if (conventionalName(c).equals(word)) {
                Command command = c.getAnnotation(Command.class);
                return command != null && command.name().equals(word) ? c : null;
            }
        }
        // A name that does not follow the convention (the hidden __complete): read the annotations.
        for (Class<?> c : TendCommand.COMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && (command.name().equals(word) || java.util.Arrays.asList(command.aliases()).contains(word))) {
                return c;
            }
        }
        return null;
    }

    private static String conventionalName(Class<?> c) {
        String simple = c.getSimpleName();
        String base = simple.endsWith("Command") ? simple.substring(0, simple.length() - "Command".length()) : simple;
        return base.toLowerCase(Locale.ROOT);
    }

    /** Skips TendCommand's global options; any other option (--help, --version, a typo) means "no word". */
    static String firstCommandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--instance" -> i++;
                case "--no-color", "-q", "--quiet" -> { }
                default -> {
                    if (a.startsWith("--instance=")) {
                        continue;
                    }
                    return a.startsWith("-") ? null : a;
                }
            }
        }
        return null;
    }
}
