package dev.tend.daemon.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Translates a job's schedule (already validated by the project reader) into systemd timer settings:
 * calendar schedules into {@code OnCalendar=} expressions, {@code @every} into monotonic timers.
 * Every cron field is expanded into the explicit values it matches and written back as a list, which
 * systemd reads the same way whatever cron shorthand produced it.
 */
final class CronCalendar {

    /** Timer lines for one schedule: {@code OnCalendar=} values, or an {@code @every} interval. */
    record Timer(List<String> onCalendar, Duration every) {
    }

    private static final String[] DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final Map<String, Integer> MONTHS = names("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final Map<String, Integer> DAYS = names("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronCalendar() {
    }

    /**
     * @param zone a time zone id to append to calendar expressions, or null for the machine's own
     * @throws IllegalArgumentException for a schedule systemd cannot express, saying which part
     */
    static Timer translate(String schedule, String zone) {
        String s = schedule.strip();
        String suffix = zone == null ? "" : " " + zone;
        if (s.startsWith("@every")) {
            return new Timer(List.of(), dev.tend.daemon.core.time.Durations.parse(s.substring("@every".length()).strip()));
        }
        String macro = switch (s) {
            case "@hourly" -> "*-*-* *:00:00";
            case "@daily", "@midnight" -> "*-*-* 00:00:00";
            case "@weekly" -> "Sun *-*-* 00:00:00"; // cron's week starts on Sunday, systemd's `weekly` on Monday
            case "@monthly" -> "*-*-01 00:00:00";
            case "@yearly", "@annually" -> "*-01-01 00:00:00";
            default -> null;
        };
        if (macro != null) {
            return new Timer(List.of(macro + suffix), null);
        }
        String[] f = s.split("\\s+");
        if (f.length != 5 && f.length != 6) {
            throw new IllegalArgumentException("'" + s + "' is not a 5- or 6-field cron expression");
        }
        int o = f.length - 5;
        String seconds = o == 1 ? list(expand(f[0], 0, 59, Map.of(), "second"), 0, 59) : "00";
        String minutes = list(expand(f[o], 0, 59, Map.of(), "minute"), 0, 59);
        String hours = list(expand(f[o + 1], 0, 23, Map.of(), "hour"), 0, 23);
        TreeSet<Integer> dom = expand(f[o + 2], 1, 31, Map.of(), "day of month");
        String months = list(expand(f[o + 3], 1, 12, MONTHS, "month"), 1, 12);
        TreeSet<Integer> dow = new TreeSet<>();
        for (int d : expand(f[o + 4], 0, 7, DAYS, "day of week")) {
            dow.add(d % 7);
        }
        String time = hours + ":" + minutes + ":" + seconds;
        boolean domRestricted = dom.size() < 31;
        boolean dowRestricted = dow.size() < 7;
        List<String> out = new ArrayList<>();
        if (domRestricted && dowRestricted) {
            // cron runs when either day field matches; systemd requires both, so one line for each
            out.add("*-" + months + "-" + list(dom, 1, 31) + " " + time + suffix);
            out.add(days(dow) + " *-" + months + "-* " + time + suffix);
        } else {
            String prefix = dowRestricted ? days(dow) + " " : "";
            out.add(prefix + "*-" + months + "-" + list(dom, 1, 31) + " " + time + suffix);
        }
        return new Timer(out, null);
    }

    private static String days(TreeSet<Integer> dow) {
        List<String> names = new ArrayList<>();
        for (int d : dow) {
            names.add(DAY_NAMES[d]);
        }
        return String.join(",", names);
    }

    /** "*" for the whole range, else the values as a comma list (two digits, as systemd prints them). */
    private static String list(TreeSet<Integer> values, int min, int max) {
        if (values.size() == max - min + 1) {
            return "*";
        }
        List<String> parts = new ArrayList<>();
        for (int v : values) {
            parts.add(String.format(Locale.ROOT, "%02d", v));
        }
        return String.join(",", parts);
    }

    /** The values a cron field matches: lists of `*`, `N`, `A-B`, each optionally `/STEP`. */
    static TreeSet<Integer> expand(String field, int min, int max, Map<String, Integer> names, String what) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), Map.of(), what, field);
                if (step <= 0) {
                    throw new IllegalArgumentException("bad step in " + what + " field '" + field + "'");
                }
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], names, what, field);
                to = number(ends[1], names, what, field);
            } else {
                from = number(range, names, what, field);
                to = slash >= 0 ? max : from; // "5/15" means from 5 every 15
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(what + " field '" + field + "' is outside " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                values.add(v);
            }
        }
        return values;
    }

    private static int number(String text, Map<String, Integer> names, String what, String field) {
        Integer named = names.get(text.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " field '" + field + "': '" + text
                    + "' has no systemd equivalent");
        }
    }

    private static Map<String, Integer> names(String... names) {
        Map<String, Integer> m = new java.util.HashMap<>();
        int first = names.length == 12 ? 1 : 0;
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i + first);
        }
        return Map.copyOf(m);
    }
}
