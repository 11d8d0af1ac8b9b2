package dev.tend.daemon.core.process;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A command that needs no shell at all: words of plain characters, the first a program (not a keyword or builtin),
 * with nothing for a shell to expand, quote, redirect or join ("sleep 100000", "python3 -m http.server 8080",
 * "./bin/server --port=80"). Such a command is executed as its words, without {@code /bin/sh -c} in between: the
 * shell's start and exec were ~2 ms of every start on the machine of docs/BENCHMARKS.md, fifty of them in a `tend up`
 * of fifty. The program sees what the shell would have given it (argv, PATH lookup, the environment with PWD; see
 * {@link PosixProcessLauncher}). Anything else runs through the shell as before ({@link ExecForm}).
 */
final class PlainCommand {

    /**
     * Programs that dash runs as builtins though an executable of the same name exists, which may behave otherwise
     * (coreutils' echo takes -e, dash's expands backslashes): these keep the shell, so a command means what it did.
     */
    private static final Set<String> BUILTIN_TWINS = Set.of("echo", "printf", "test", "[", "kill", "pwd", "true",
            "false");

    private PlainCommand() {
    }

    /**
     * The words of the command if it needs no shell (a leading {@code exec}, as {@link ExecForm} puts it, left out);
     * empty if it does.
     */
    static Optional<List<String>> words(String command) {
        String stripped = command.strip();
        if (stripped.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < stripped.length(); i++) {
            if (!isPlain(stripped.charAt(i))) {
                return Optional.empty();
            }
        }
        List<String> words = List.of(stripped.split("[ \t]+"));
        if (words.get(0).equals("exec")) {
            words = words.subList(1, words.size());
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String program = words.get(0);
        if (program.contains("=") || ExecForm.NOT_A_PROGRAM.contains(program) || BUILTIN_TWINS.contains(program)) {
            return Optional.empty(); // an assignment, a keyword or a builtin: the shell's to run
        }
        return Optional.of(List.copyOf(words));
    }

    /** Letters, digits, blanks and punctuation no POSIX shell gives a meaning to inside a word. */
    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ' ' || c == '\t' || "-_./:,+=@%".indexOf(c) >= 0;
    }
}
