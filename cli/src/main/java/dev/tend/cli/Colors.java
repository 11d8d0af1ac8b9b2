package dev.tend.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;

/**
 * ANSI colours, only for a person at a terminal: never with --no-color, never when NO_COLOR is set to
 * anything (no-color.org), never when stdout is not a terminal (a pipe, a file, `x=$(tend ps)`).
 */
final class Colors {
    static final String RESET = "\u001b[0m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String RED = "\u001b[31m";
    static final String DIM = "\u001b[2m";

    private static final Map<String, String> STATES = Map.of(
            "ready", GREEN, "running", GREEN, "starting", YELLOW, "stopping", YELLOW, "backoff", YELLOW,
            "crashed", RED, "failed", RED, "stopped", DIM, "exited", DIM,
            "completed", DIM);

    private Colors() {
    }

    /** Whether this run may colour its output. */
    static boolean enabled(TendCommand root) {
        return decide(root.noColor, System.getenv("NO_COLOR"), stdoutIsTerminal());
    }

    static boolean decide(boolean noColorOption, String noColorEnv, boolean terminal) {
        return !noColorOption && (noColorEnv == null || noColorEnv.isEmpty()) && terminal;
    }

    /**
     * Java 17 gives a Console only when stdin and stdout are both terminals; from Java 22 on it gives one
     * always, and isTerminal() says which.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    static String paint(String text, String color) {
        return color + text + RESET;
    }

    /**
     * Colours the state words of a table whose header has a STATE column, keeping the columns aligned
     * (the codes take no room on screen, and the padding after each word stays).
     */
    static String paintStates(String table) {
        String[] lines = table.split("\n", -1);
        if (lines.length == 0) {
            return table;
        }
        int col = lines[0].indexOf("STATE");
        if (col < 0) {
            return table;
        }
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.append('\n');
            String line = lines[i];
            if (line.length() <= col) {
                out.append(line);
                continue;
            }
            int end = line.indexOf(' ', col);
            end = end < 0 ? line.length() : end;
            String word = line.substring(col, end);
            String color = STATES.get(word.toLowerCase(Locale.ROOT));
            out.append(color == null ? line : line.substring(0, col) + paint(word, color) + line.substring(end));
        }
        return out.toString();
    }
}
