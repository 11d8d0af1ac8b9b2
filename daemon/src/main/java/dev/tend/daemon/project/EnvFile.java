package dev.tend.daemon.project;

import dev.tend.daemon.core.process.CommandSize;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotenv file: KEY=VALUE lines, '#' comments, blank lines, an optional "export " prefix, values
 * optionally in single quotes (literal) or double quotes (\n, \t, \", \\ escapes). An unquoted value ends
 * at " #" (an inline comment) and is trimmed. No ${VAR} interpolation: values are taken as written.
 */
final class EnvFile {

    /**
     * The one rule for a variable name a project declares (env_file, tend.yaml's env, process-compose's environment):
     * a portable shell name, as docs/project-file.md says. An environment handed over the wire is looser on purpose
     * (rpc.Inputs#env): it is the caller's own, and may hold names a shell made (BASH_FUNC_which%%).
     */
    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@link #KEY} in an error message's words. */
    static final String KEY_RULE = "letters, digits and '_', not starting with a digit";
    private static final Pattern LINE = Pattern.compile("(?:export\\s+)?([^=\\s]*)\\s*=\\s*(.*)");

    private EnvFile() {
    }

    /**
     * @param file    the file to read (absolute)
     * @param display the file as errors should name it
     */
    static Map<String, String> read(Path file, Path display) throws ProjectFileException {
        return read(file, display, new HashMap<>());
    }

    /** @param lineOfKey filled with the line that sets each variable (the last one: it wins) */
    static Map<String, String> read(Path file, Path display, Map<String, Integer> lineOfKey)
            throws ProjectFileException {
        List<String> lines;
        try {
            lines = SmallTextFile.read(file, "env file").lines().toList();
        } catch (SmallTextFile.TooLargeException e) {
            throw new ProjectFileException(display, 0, 0, e.getMessage());
        } catch (MalformedInputException e) {
            throw new ProjectFileException(display, 0, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new ProjectFileException(display, 0, 0, "cannot read env file: " + e.getMessage());
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                // Never quoted: an env file holds secrets, and one given by mistake may be any file.
                throw new ProjectFileException(display, lineNumber, 1,
                        "expected KEY=VALUE (the line is not shown: env files hold secrets)");
            }
            String key = m.group(1);
            if (!KEY.matcher(key).matches()) {
                throw new ProjectFileException(display, lineNumber, 1, "bad variable name "
                        + (Values.looksLikeAKey(key) ? "'" + key + "'" : "(not shown: it is not a word)")
                        + " (" + KEY_RULE + ")");
            }
            String value = value(m.group(2), display, lineNumber);
            String problem = CommandSize.variableProblem(key, value); // refused here, not at every start
            if (problem != null) {
                throw new ProjectFileException(display, lineNumber, 1, problem);
            }
            env.put(key, value);
            lineOfKey.put(key, lineNumber);
        }
        return env;
    }

    private static String value(String raw, Path display, int line) throws ProjectFileException {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            return quoted(raw, display, line);
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }

    private static String quoted(String raw, Path display, int line) throws ProjectFileException {
        char quote = raw.charAt(0);
        StringBuilder value = new StringBuilder();
        int i = 1;
        for (; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == quote) {
                break;
            }
            if (quote == '"' && c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '"', '\\' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
            } else {
                value.append(c);
            }
        }
        if (i >= raw.length()) {
            throw new ProjectFileException(display, line, 1, "unterminated " + quote + " quote "
                    + "(values cannot span lines)");
        }
        String rest = raw.substring(i + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new ProjectFileException(display, line, 1, "unexpected text after the closing quote");
        }
        return value.toString();
    }
}
