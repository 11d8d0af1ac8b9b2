package dev.tend.daemon.export;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.expression.QuestionMark;
import com.cronutils.model.field.value.FieldValue;
import com.cronutils.model.field.value.IntegerFieldValue;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.parser.CronParser;
import dev.tend.daemon.core.jobs.CronDefinitions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Translates a job's schedule (already validated by the project reader) into systemd timer settings:
 * calendar schedules into {@code OnCalendar=} expressions, {@code @every} into monotonic timers.
 * The schedule is read by cron-utils with the definitions the project reader validated it by
 * ({@link CronDefinitions}); each field's expression tree is expanded into the explicit values it matches and
 * written back as a list, which systemd reads the same way whatever cron shorthand produced it.
 */
final class CronCalendar {

    /** Timer lines for one schedule: {@code OnCalendar=} values, or an {@code @every} interval. */
    record Timer(List<String> onCalendar, Duration every) {
    }

    private static final String[] DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

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
        Cron cron = parse(s);
        boolean withSeconds = cron.retrieveFieldsAsMap().containsKey(CronFieldName.SECOND);
        String seconds = withSeconds ? list(values(cron, CronFieldName.SECOND, 0, 59), 0, 59) : "00";
        String minutes = list(values(cron, CronFieldName.MINUTE, 0, 59), 0, 59);
        String hours = list(values(cron, CronFieldName.HOUR, 0, 23), 0, 23);
        TreeSet<Integer> dom = values(cron, CronFieldName.DAY_OF_MONTH, 1, 31);
        String months = list(values(cron, CronFieldName.MONTH, 1, 12), 1, 12);
        TreeSet<Integer> dow = new TreeSet<>();
        for (int d : values(cron, CronFieldName.DAY_OF_WEEK, 0, 7)) {
            dow.add(d % 7); // 0 and 7 are both Sunday
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

    /** The schedule as cron-utils reads it, with the definitions the project reader validated it by. */
    private static Cron parse(String expression) {
        int fields = expression.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("'" + expression + "' is not a 5- or 6-field cron expression");
        }
        try {
            return new CronParser(CronDefinitions.unix(fields == 6)).parse(expression);
        } catch (IllegalArgumentException e) {
            // the project reader accepts only what these definitions parse: this is a schedule from elsewhere
            throw new IllegalArgumentException("'" + expression + "' has no systemd equivalent: " + e.getMessage());
        }
    }

    /** The values one field of the parsed schedule matches, walking cron-utils' expression tree. */
    private static TreeSet<Integer> values(Cron cron, CronFieldName name, int min, int max) {
        TreeSet<Integer> values = new TreeSet<>();
        add(values, cron.retrieve(name).getExpression(), min, max, name);
        return values;
    }

    private static void add(TreeSet<Integer> values, FieldExpression e, int min, int max, CronFieldName name) {
        if (e instanceof Always || e instanceof QuestionMark) {
            range(values, min, max, 1);
        } else if (e instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
            values.add(on.getTime().getValue());
        } else if (e instanceof Between between) {
            range(values, number(between.getFrom(), name), number(between.getTo(), name), 1);
        } else if (e instanceof Every every) {
            int step = every.getPeriod().getValue();
            FieldExpression start = every.getExpression();
            if (start instanceof Always || start instanceof QuestionMark) {
                range(values, min, max, step);
            } else if (start instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
                range(values, on.getTime().getValue(), max, step); // "5/15" means from 5 every 15
            } else if (start instanceof Between between) {
                range(values, number(between.getFrom(), name), number(between.getTo(), name), step);
            } else {
                throw noEquivalent(name, e);
            }
        } else if (e instanceof And and) {
            for (FieldExpression part : and.getExpressions()) {
                add(values, part, min, max, name);
            }
        } else {
            throw noEquivalent(name, e);
        }
    }

    private static void range(TreeSet<Integer> values, int from, int to, int step) {
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
    }

    private static int number(FieldValue<?> value, CronFieldName name) {
        if (value instanceof IntegerFieldValue i) {
            return i.getValue();
        }
        throw new IllegalArgumentException(field(name) + " field: '" + value.getValue() + "' has no systemd equivalent");
    }

    private static IllegalArgumentException noEquivalent(CronFieldName name, FieldExpression e) {
        return new IllegalArgumentException(field(name) + " field '" + e.asString() + "' has no systemd equivalent");
    }

    /** "day of week" for DAY_OF_WEEK. */
    private static String field(CronFieldName name) {
        return name.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
