package dev.tend.daemon.core.jobs;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cron-utils' refusals said again in the words of the field that is wrong. Its own messages name no field and
 * speak of its model ({@code *&#47;0}: "Period 0 not in range [0, 59]"; {@code 1,,2}: "Invalid chars: " and nothing
 * after), so the expression is checked again one field at a time, the others {@code *}, to find the field, and
 * the message is reworded where its pattern is known (a cron-utils upgrade that changes one is caught by
 * CronFieldErrorsTest; an unknown one is passed on without its "Failed to parse" preamble).
 */
final class CronFieldErrors {
    private static final String[] FIVE = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final String[] SIX = {"second", "minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final String PREAMBLE = "Failed to parse cron expression. ";
    private static final Pattern PERIOD = Pattern.compile("Period (-?\\d+) not in range \\[(\\d+), (\\d+)]");
    private static final Pattern VALUE = Pattern.compile("Value (-?\\d+) not in range \\[(\\d+), (\\d+)]");
    private static final Pattern CHARS = Pattern.compile("Invalid chars in expression! Expression: .* Invalid chars: (.*)");
    private static final String EMPTY_ITEM = "an empty item (two commas in a row, or a comma at an end)";
    private static final Pattern RANGE = Pattern.compile("Invalid range! \\[(.*),(.*)]");

    private CronFieldErrors() {
    }

    /**
     * What is wrong, naming the field where one field alone is refused ("minute field '*&#47;0': the step must be
     * 1 or more"); {@code check} parses and validates a whole expression, throwing as cron-utils does.
     */
    static String explain(String[] fields, Consumer<String> check, String message) {
        String[] names = fields.length == 6 ? SIX : FIVE;
        for (int i = 0; i < fields.length && i < names.length; i++) {
            String[] alone = new String[fields.length];
            java.util.Arrays.fill(alone, "*");
            alone[i] = fields[i];
            try {
                check.accept(String.join(" ", alone));
            } catch (IllegalArgumentException e) {
                return names[i] + " field '" + fields[i] + "': " + reword(e.getMessage(), names[i], fields[i]);
            }
        }
        return reword(message, null, "");
    }

    /** The message of a refused field (or of the whole expression: field null), as the user wrote it. */
    static String reword(String message, String field, String written) {
        String m = message == null ? "" : message.startsWith(PREAMBLE) ? message.substring(PREAMBLE.length()) : message;
        Matcher x;
        if ((x = PERIOD.matcher(m)).matches()) {
            return Integer.parseInt(x.group(1)) < 1 ? "the step (after /) must be 1 or more"
                    : "the step " + x.group(1) + " is over " + x.group(3);
        }
        if ((x = VALUE.matcher(m)).matches()) {
            return x.group(1) + " is out of range" + (field == null ? "" : ": a " + field + " is")
                    + " " + x.group(2) + " to " + x.group(3);
        }
        if ((x = CHARS.matcher(m)).matches()) {
            String chars = asWritten(x.group(1).strip(), written);
            return chars.isEmpty() ? EMPTY_ITEM
                    : "'" + chars + "' is not a number" + (names(field) ? " or a name (JAN-DEC, SUN-SAT)" : "")
                    + " (cron's L, W and # are not supported)";
        }
        if ((x = RANGE.matcher(m)).matches()) {
            return "the range " + x.group(1) + "-" + x.group(2) + " runs backwards: write the low end first";
        }
        if (m.startsWith("Invalid field value! Trailing commas not permitted!")) {
            return EMPTY_ITEM;
        }
        if (m.startsWith("Missing steps for expression: ")) {
            return "a step is missing after '/'";
        }
        if (m.startsWith("Missing values for range: ")) {
            return "'" + m.substring("Missing values for range: ".length()) + "' is not a range: write LOW-HIGH";
        }
        return m;
    }

    /** cron-utils says the characters upper-cased ('A' for a); the user's own are found in what they wrote. */
    private static String asWritten(String chars, String written) {
        int at = written.toUpperCase(java.util.Locale.ROOT).indexOf(chars);
        return at < 0 || chars.isEmpty() ? chars : written.substring(at, at + chars.length());
    }

    private static boolean names(String field) {
        return field == null || field.equals("month") || field.equals("day-of-week");
    }
}
