package dev.tend.daemon.core.process;

import java.util.Set;

/**
 * Turns a simple command ("python3 worker.py --port 80") into "exec python3 worker.py --port 80", so that the shell
 * that runs it replaces itself with the program: the service's pid is the program's own, and a signal sent to it
 * (tend signal HUP) reaches the program rather than a shell that would die of it. dash, Debian's /bin/sh, does not
 * do this by itself. Anything more than one simple command (a list, a pipeline, a subshell, a compound command, a
 * builtin, leading assignments) is left as it is: there the shell has work to do after the first program.
 */
public final class ExecForm {

    /** Words that start something other than a program: keywords and builtins that have no executable twin. */
    static final Set<String> NOT_A_PROGRAM = Set.of("if", "then", "else", "elif", "fi", "case", "esac", "for",
            "while", "until", "do", "done", "{", "}", "!", "[[", "function", "select", "time", "cd", "trap", "export",
            "set", "unset", ".", "source", "eval", "exit", "return", "read", "ulimit", "umask", "wait", "alias",
            "unalias", "shift", "readonly", "local", "break", "continue", "exec", "command", "builtin", "type", "hash",
            "jobs", "fg", "bg", "getopts", "times", ":");

    private ExecForm() {
    }

    /** The command with "exec " before it if it is one simple command, else the command unchanged. */
    public static String of(String command) {
        String trimmed = command.strip();
        return isSimple(trimmed) ? "exec " + trimmed : command;
    }

    static boolean isSimple(String command) {
        if (command.isEmpty()) {
            return false;
        }
        int end = 0;
        while (end < command.length() && !Character.isWhitespace(command.charAt(end))) {
            end++;
        }
        String first = command.substring(0, end);
        if (NOT_A_PROGRAM.contains(first) || first.contains("=") || first.startsWith("#")) {
            return false;
        }
        boolean single = false;
        boolean dbl = false;
        int substitution = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (single) {
                single = c != '\'';
                continue;
            }
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '"') {
                dbl = !dbl;
                continue;
            }
            if (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                substitution++;
                i++;
                continue;
            }
            if (substitution > 0) {
                if (c == ')') {
                    substitution--;
                }
                continue;
            }
            if (dbl) {
                continue;
            }
            if (c == '\'') {
                single = true;
            } else if (c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')' || c == '`'
                    || (c == '#' && Character.isWhitespace(command.charAt(i - 1)))) {
                return false;
            }
        }
        return !single && !dbl && substitution == 0;
    }
}
