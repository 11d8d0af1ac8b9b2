package dev.tend.tui;

import java.util.List;

/**
 * The command line of `tend tui`, parsed by hand (the launcher passes its whole argument list, so the word
 * `tui` and global options before it are accepted too).
 */
public record Options(String project, boolean all, String instance, boolean help, boolean noColor) {
    public static final String USAGE = """
            Usage: tend tui [--project NAME | --all] [--instance NAME]
            The terminal UI: a live table of services, their logs, and keys to steer them.
              -p, --project NAME   show this project (default: the project of the current directory, else all)
              -a, --all            show every project
                  --instance NAME  talk to this tend instance (env TEND_INSTANCE)
                  --no-color       no colours (also when NO_COLOR is set to anything)
              -h, --help           show this help
            Inside, press ? for the keys.""";

    /** Like the CLI: colours unless --no-color or a non-empty NO_COLOR (no-color.org); the TUI always has a tty. */
    public boolean colors(String noColorEnv) {
        return !noColor && (noColorEnv == null || noColorEnv.isEmpty());
    }

    /** @throws IllegalArgumentException with a message that says which argument was wrong */
    public static Options parse(List<String> args) {
        String project = null;
        boolean all = false;
        String instance = null;
        boolean help = false;
        boolean noColor = false;
        boolean seenTui = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "tui" -> {
                    if (seenTui) {
                        throw new IllegalArgumentException("unexpected argument 'tui'");
                    }
                    seenTui = true;
                }
                case "-p", "--project" -> project = value(args, ++i, a);
                case "-a", "--all" -> all = true;
                case "--instance" -> instance = value(args, ++i, a);
                case "-h", "--help" -> help = true;
                case "--no-color" -> noColor = true;
                case "-q", "--quiet" -> {
                    // a global option of tend; the TUI prints nothing it could leave out
                }
                default -> {
                    if (a.startsWith("--project=")) {
                        project = nonEmpty(a.substring(10), "--project");
                    } else if (a.startsWith("--instance=")) {
                        instance = nonEmpty(a.substring(11), "--instance");
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
                }
            }
        }
        if (project != null && all) {
            throw new IllegalArgumentException("--project and --all exclude each other: give one");
        }
        return new Options(project, all, instance, help, noColor);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("-")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static String nonEmpty(String v, String option) {
        if (v.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return v;
    }
}
