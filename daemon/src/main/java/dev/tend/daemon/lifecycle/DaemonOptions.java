package dev.tend.daemon.lifecycle;

import dev.tend.daemon.core.time.Durations;

import java.time.Duration;
import java.util.List;

/**
 * The daemon's command line: {@code [--instance NAME] [daemon] run [--detached] [--idle-timeout DUR]}.
 * Parsed by hand: the daemon does not carry the CLI's parser, and this is all it takes.
 */
public record DaemonOptions(String instance, boolean detached, Duration idleTimeout, boolean help) {

    public static final String USAGE = """
            Usage: tend [--instance NAME] daemon run [--detached] [--idle-timeout DURATION]
            Runs the tend daemon in the foreground (clients start it on their own; you rarely need this).
              --instance NAME          the instance to serve (default: $TEND_INSTANCE, else "default")
              --detached               log only to daemon.log (as clients start it)
              --idle-timeout DURATION  exit after this long with no clients and no running services (e.g. 30m); default off
            """;

    public static DaemonOptions parse(List<String> args) {
        String instance = null;
        boolean detached = false;
        boolean help = false;
        Duration idle = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "daemon", "run" -> { }
                case "--detached" -> detached = true;
                case "-h", "--help" -> help = true;
                case "--instance" -> instance = value(args, ++i, a);
                case "--idle-timeout" -> idle = parseDuration(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--instance=")) {
                        instance = a.substring("--instance=".length());
                    } else if (a.startsWith("--idle-timeout=")) {
                        idle = parseDuration(a.substring("--idle-timeout=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
            }
        }
        return new DaemonOptions(instance, detached, idle, help);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(i);
    }

    private static Duration parseDuration(String s) {
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--idle-timeout: " + e.getMessage());
        }
    }
}
