package dev.tend.daemon.core.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Errors about a project or settings file quote the offending value ('…'), and a failed launch its command; a value
 * of megabytes (a pasted blob, a wrong file) would then be printed whole, and kept in every history row of a job that
 * fails each second, so a long one is cut to its start and its length. Applied where those errors are made, so no
 * single message can forget it. In core, below the project files, settings and the launcher that all use it.
 */
public final class QuotedValues {
    /** Longer quoted values are cut; shorter ones, and names, stay whole so the message says exactly what was read. */
    public static final int MAX = 120;
    private static final int KEPT = 60;
    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (MAX + 1) + ",})'");

    private QuotedValues() {
    }

    /** The message with each quoted value over {@link #MAX} characters cut to "'start…' (N characters)". */
    public static String shorten(String message) {
        if (message == null || message.length() <= MAX) {
            return message;
        }
        Matcher m = QUOTED.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement(
                    "'" + value.substring(0, KEPT) + "…' (" + value.length() + " characters)"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** One value quoted as {@link #shorten} leaves it: "'value'", or "'start…' (N characters)" when long. */
    public static String quote(String value) {
        if (value == null || value.length() <= MAX) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, KEPT) + "…' (" + value.length() + " characters)";
    }
}
