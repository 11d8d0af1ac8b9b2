package dev.tend.daemon.project;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Substitutes variables in a project file's text as docker compose does: {@code ${VAR}}, {@code ${VAR:-default}}
 * (unset or empty), {@code ${VAR-default}} (unset), {@code ${VAR:?message}} / {@code ${VAR?message}} (an error),
 * {@code ${VAR:+other}} / {@code ${VAR+other}}, and {@code $${} for a literal {@code ${}. Defaults may hold
 * variables.
 * <p>
 * Unlike compose, an unbraced {@code $VAR} is left alone: a tend command runs in a shell, where {@code $VAR} has
 * always meant the service's own environment at run time. So is {@code $$} anywhere but before a brace: it is the
 * shell's own process id ({@code echo $$ > app.pid}, {@code kill -KILL $$}), and tend files written before
 * substitution existed keep meaning what they meant. For the same reason the names tend itself sets when it
 * starts a process ({@code PORT}, {@code TEND_*}) are never substituted here: {@code ${PORT}} stays for the shell
 * and the probe. An unset variable without a default is an error, never an empty string.
 * <p>
 * A process-compose file keeps process-compose's meaning ({@link #processCompose}): there {@code $$} is one
 * {@code $} wherever it stands ({@code $$HOME} is the shell's {@code $HOME}), and an unset variable is an empty
 * string, which the caller is told of so that it can warn.
 */
final class Interpolator {

    /** A name tend sets at start time, so the file's text keeps it for the shell and the probe. */
    private static final Pattern RUN_TIME = Pattern.compile("PORT|TEND_[A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Why a text cannot be interpolated; the caller adds the file and line. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    private final Map<String, String> variables;
    /** process-compose's meaning: $$ is $, unset is empty. */
    private final boolean processCompose;

    /** @param variables the environment `tend up` ran in over the project's .env (shell wins) */
    Interpolator(Map<String, String> variables) {
        this(variables, false);
    }

    private Interpolator(Map<String, String> variables, boolean processCompose) {
        this.variables = Map.copyOf(variables);
        this.processCompose = processCompose;
    }

    /** The same variables with the meaning process-compose gives them (drone/envsubst after $$ is set aside). */
    Interpolator processCompose() {
        return new Interpolator(variables, true);
    }

    String interpolate(String text) throws Problem {
        return interpolate(text, name -> { });
    }

    /** @param unsetAsEmpty told of each unset variable substituted empty (process-compose's meaning only) */
    String interpolate(String text, Consumer<String> unsetAsEmpty) throws Problem {
        return interpolate(text, unsetAsEmpty, 0);
    }

    /** How deep a default may hold another ${...}: far past any real use, far short of the stack's end. */
    static final int MAX_NESTING = 32;

    private String interpolate(String text, Consumer<String> unsetAsEmpty, int depth) throws Problem {
        if (text.indexOf('$') < 0) {
            return text;
        }
        if (depth > MAX_NESTING) {
            throw new Problem("${...} nested more than " + MAX_NESTING + " deep");
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$' && processCompose) {
                out.append('$');
                i += 2;
            } else if (next == '$' && i + 2 < text.length() && text.charAt(i + 2) == '{') {
                out.append("${"); // the escape: the shell gets ${...}
                i += 3;
            } else if (next == '$') {
                out.append("$$"); // the shell's process id
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    throw new Problem("'" + text.substring(i) + "' has no closing '}' (write $${ for a literal ${)");
                }
                out.append(expression(text.substring(i + 2, close), text.substring(i, close + 1), unsetAsEmpty, depth));
                i = close + 1;
            } else {
                out.append(c); // $VAR, $1, $(...): the shell's at run time
                i++;
            }
        }
        return out.toString();
    }

    /** The index of the '}' that closes a "${" whose body starts at from, counting nested "${". */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i++;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** @param body what is between "${" and "}"; whole is the expression as written */
    private String expression(String body, String whole, Consumer<String> unsetAsEmpty, int depth) throws Problem {
        int end = 0;
        while (end < body.length() && (Character.isLetterOrDigit(body.charAt(end)) || body.charAt(end) == '_')) {
            end++;
        }
        String name = body.substring(0, end);
        if (!NAME.matcher(name).matches()) {
            throw notAVariable(whole);
        }
        if (RUN_TIME.matcher(name).matches()) {
            return whole;
        }
        String rest = body.substring(end);
        String value = variables.get(name);
        boolean colon = rest.startsWith(":");
        String op = rest.isEmpty() ? "" : rest.substring(0, colon && rest.length() > 1 ? 2 : 1);
        String argument = rest.substring(op.length());
        boolean missing = value == null || (colon && value.isEmpty());
        return switch (op) {
            case "" -> {
                if (value == null && processCompose) {
                    unsetAsEmpty.accept(name);
                    yield "";
                }
                if (value == null) {
                    throw new Problem("variable " + name + " is not set (set it in the environment of `tend up` or "
                            + "in .env, or give a default: ${" + name + ":-default})");
                }
                yield value;
            }
            case ":-", "-" -> missing ? interpolate(argument, unsetAsEmpty, depth + 1) : value;
            case ":+", "+" -> missing ? "" : interpolate(argument, unsetAsEmpty, depth + 1);
            case ":?", "?" -> {
                if (missing) {
                    String message = interpolate(argument, unsetAsEmpty, depth + 1);
                    throw new Problem("variable " + name + " is " + (value == null ? "not set" : "empty")
                            + (message.isEmpty() ? "" : ": " + message));
                }
                yield value;
            }
            default -> throw notAVariable(whole);
        };
    }

    /** A shell form (${#X}, ${X%.*}) or a typo: refused, so it never silently means something else. */
    private static Problem notAVariable(String whole) {
        return new Problem("'" + whole + "' is not a variable tend can substitute (${NAME}, ${NAME:-default}, "
                + "${NAME:?message}); write $${...} to leave it to the shell");
    }
}
