package dev.tend.daemon.core.jobs;

import java.time.Duration;

/**
 * The DURATION of "@every DURATION", in the grammar tend.yaml uses everywhere (project.Durations, which
 * core cannot depend on): amounts with units ms, s, m, h, d, each unit once, largest first.
 */
final class Intervals {

    private Intervals() {
    }

    static Duration parse(String text, String schedule) {
        Duration total = Duration.ZERO;
        int previousRank = Integer.MAX_VALUE;
        int i = 0;
        if (text.chars().allMatch(Character::isDigit)) {
            throw bad(schedule, "a bare number has no unit; write " + text + "s or " + text + "m");
        }
        while (i < text.length()) {
            int digits = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (digits == unitStart || unitStart == i) {
                throw bad(schedule, "'" + text + "' is not a duration (examples: 30s, 10m, 1h30m)");
            }
            String unit = text.substring(unitStart, i);
            int rank = switch (unit) {
                case "ms" -> 0;
                case "s" -> 1;
                case "m" -> 2;
                case "h" -> 3;
                case "d" -> 4;
                default -> throw bad(schedule, "unknown unit '" + unit + "' (units: ms, s, m, h, d)");
            };
            if (rank >= previousRank) {
                throw bad(schedule, "write each unit once, largest first (e.g. 1m30s)");
            }
            previousRank = rank;
            try {
                long amount = Long.parseLong(text.substring(digits, unitStart));
                total = total.plus(switch (rank) {
                    case 0 -> Duration.ofMillis(amount);
                    case 1 -> Duration.ofSeconds(amount);
                    case 2 -> Duration.ofMinutes(amount);
                    case 3 -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            } catch (NumberFormatException | ArithmeticException e) {
                throw bad(schedule, "the interval is too large");
            }
        }
        return total;
    }

    private static IllegalArgumentException bad(String schedule, String why) {
        return new IllegalArgumentException("bad schedule '" + schedule + "': " + why);
    }
}
