package dev.tend.daemon.core.time;

import java.time.Duration;

/**
 * The one reader of durations: project files, settings, RPC parameters and "@every" schedules all parse here.
 * It sits in core (below project) so the scheduler can use it without importing the package that builds specs.
 *
 * <p>Durations as users write them in tend.yaml and on the command line: "500ms", "10s", "2m", "1h", "1d",
 * and combinations from the largest unit down ("1m30s", "1h5m"). A bare number is refused because "10"
 * could mean seconds or milliseconds and guessing wrong is worse than asking.
 */
public final class Durations {

    /**
     * The longest duration tend takes anywhere: far beyond any useful one, and within what every user of one can
     * count (nanoseconds in a long hold 292 years; an Instant, a timer and a schedule add it without overflow).
     */
    public static final Duration LONGEST = Duration.ofDays(36500);

    private static final String UNITS = "ms, s, m, h, d";
    private static final String EXAMPLES = "500ms, 10s, 2m, 1h, 1m30s";

    private Durations() {
    }

    /**
     * @return a duration of zero or more
     * @throws IllegalArgumentException with a message that says what is wrong with the text
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration (examples: " + EXAMPLES + ")");
        }
        String t = text.trim();
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("bad duration '" + text + "': a duration cannot be negative");
        }
        if (t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad duration '" + text + "': a bare number has no unit; write "
                    + t + "s or " + t + "ms (units: " + UNITS + ")");
        }
        Duration total = Duration.ZERO;
        int previousRank = Integer.MAX_VALUE;
        int i = 0;
        while (i < t.length()) {
            int digitsStart = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < t.length() && Character.isLetter(t.charAt(i))) {
                i++;
            }
            if (digitsStart == unitStart || unitStart == i) {
                throw notADuration(text);
            }
            String unit = t.substring(unitStart, i);
            int rank = rank(unit);
            if (rank < 0) {
                throw new IllegalArgumentException("bad duration '" + text + "': unknown unit '" + unit
                        + "' (units: " + UNITS + ")");
            }
            if (rank >= previousRank) {
                throw new IllegalArgumentException("bad duration '" + text
                        + "': write each unit once, largest first (e.g. 1m30s)");
            }
            previousRank = rank;
            try {
                long amount = Long.parseLong(t.substring(digitsStart, unitStart));
                total = total.plus(of(amount, unit));
            } catch (NumberFormatException | ArithmeticException e) {
                throw tooLong(text);
            }
            if (total.compareTo(LONGEST) > 0) {
                throw tooLong(text);
            }
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back as the same duration, e.g. "1m30s", "500ms", "0s". */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, duration.toDays(), "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        append(out, duration.toMillisPart(), "ms");
        return out.length() == 0 ? "0s" : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("bad duration '" + text + "': too long (at most " + LONGEST.toDays()
                + "d, 100 years)");
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (examples: " + EXAMPLES + ")");
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "ms" -> 0;
            case "s" -> 1;
            case "m" -> 2;
            case "h" -> 3;
            case "d" -> 4;
            default -> -1;
        };
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
