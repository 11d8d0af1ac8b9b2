package dev.tend.protocol;

import java.util.regex.Pattern;

/**
 * The one rule for names a user gives: projects, services and jobs (a project file, `tend run`, `tend job add`;
 * docs/project-file.md) and instances (`--instance`, TEND_INSTANCE). It lives in protocol so the daemon and the
 * CLI, which knows only protocol, apply the same rule.
 */
public final class NameRule {

    /** No '/' because refs are project/service; no leading '.' or '-' so a name is never a flag or hidden. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    /** A name becomes a file name (its log) and part of others (exported units): far below NAME_MAX. */
    public static final int MAX_LENGTH = 100;

    private NameRule() {
    }

    public static boolean isValid(String name) {
        return isValid(name, MAX_LENGTH);
    }

    /** The same characters with a tighter bound, for a name that becomes part of a longer one (a socket path). */
    public static boolean isValid(String name, int maxLength) {
        return name != null && name.length() <= maxLength && VALID.matcher(name).matches();
    }

    /** Why a name is refused, for messages. */
    public static String rule() {
        return rule(MAX_LENGTH);
    }

    public static String rule(int maxLength) {
        return "use letters, digits, '.', '_' and '-', not starting with '.' or '-', at most " + maxLength
                + " characters";
    }

    /** "bad service name '-x': use letters, ...", or null when the name is valid. */
    public static String problem(String kind, String name) {
        return isValid(name) ? null : "bad " + kind + " name '" + name + "': " + rule();
    }

    /** A valid name made from a directory name: "my app" becomes "my-app", ".hidden" becomes "hidden". */
    public static String sanitize(String raw) {
        String replaced = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._-]", "-");
        String trimmed = replaced.replaceFirst("^[.-]+", "");
        String bounded = trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
        return bounded.isEmpty() ? "project" : bounded;
    }
}
