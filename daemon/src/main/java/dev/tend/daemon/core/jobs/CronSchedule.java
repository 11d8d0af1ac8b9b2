package dev.tend.daemon.core.jobs;

import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A cron expression evaluated in a time zone, by cron-utils with the same definitions the project file's
 * validator uses: the UNIX 5 fields, or 6 with seconds first.
 *
 * <p>Daylight saving: cron-utils follows wall-clock time, so when clocks go back a fixed-time job (02:30)
 * runs once, at the first 02:30, while an hourly one runs in both repeated hours. When clocks go forward it
 * would silently drop an occurrence that falls in the skipped hour; this class runs it instead at the end
 * of the gap (03:00), as ISC cron does, unless the schedule runs anyway within the gap's length after it
 * (so hourly and more frequent jobs are not doubled).
 *
 * <p>Restarts: the times a daemon that never stopped would have run at are the only ones. A fixed-time job
 * that ran at the first 01:30 of a night whose clocks go back does not run at the second 01:30 because a
 * daemon (re)started in between: the next time is searched from the anchor (the time last fired) when that
 * is still ahead, and otherwise from now as if from the first pass of a repeated hour (see {@link #nextAfter}).
 */
public final class CronSchedule implements JobSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitions.unix(false));
    private static final CronParser WITH_SECONDS = new CronParser(CronDefinitions.unix(true));
    /** Without a next occurrence, DST gaps are looked for this far ahead. */
    private static final int MAX_TRANSITIONS = 8;

    private final String text;
    private final ZoneId zone;
    private final ExecutionTime execution;

    private CronSchedule(String text, ZoneId zone, ExecutionTime execution) {
        this.text = text;
        this.zone = zone;
        this.execution = execution;
    }

    static CronSchedule of(String text, String expression, ZoneId zone) {
        String[] fields = expression.strip().split("\\s+");
        CronParser parser = switch (fields.length) {
            case 5 -> UNIX;
            case 6 -> WITH_SECONDS;
            default -> throw new IllegalArgumentException("bad cron schedule '" + text + "': " + fields.length
                    + " fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)");
        };
        ExecutionTime execution;
        try {
            var cron = parser.parse(expression.strip());
            cron.validate();
            execution = ExecutionTime.forCron(cron);
        } catch (IllegalArgumentException e) {
            String why = CronFieldErrors.explain(fields, x -> parser.parse(x).validate(), e.getMessage());
            throw new IllegalArgumentException("bad cron schedule '" + text + "': " + why
                    + (fields.length == 6 ? " (6 fields are read seconds first: second minute hour day-of-month "
                    + "month day-of-week; there is no year field)" : ""));
        }
        // cron-utils gives up on a date no year has (31 February); it finds Monday 29 February 2016.
        ZonedDateTime from = LocalDate.of(2000, 1, 1).atStartOfDay(ZoneOffset.UTC);
        if (execution.nextExecution(from).isEmpty()) {
            throw new IllegalArgumentException("bad cron schedule '" + text + "': it never fires (no date matches its "
                    + "day-of-month and month fields)");
        }
        return new CronSchedule(text, zone, execution);
    }

    @Override
    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The occurrence after the anchor if it is still ahead (what a daemon that never stopped runs next);
     * otherwise (times were missed) the first occurrence after now of the schedule as it runs without a
     * restart, so a wall time repeated when clocks go back does not run twice.
     */
    @Override
    public Instant nextAfter(Instant anchor, Instant now) {
        Instant following = next(anchor);
        if (following == null || following.isAfter(now)) {
            return following;
        }
        Instant n = next(firstPass(now));
        while (n != null && !n.isAfter(now)) {
            n = next(n);
        }
        return n;
    }

    /** The newest occurrence in (anchor, now] of the schedule as it runs without a restart (see nextAfter). */
    @Override
    public Instant latestDue(Instant anchor, Instant now) {
        Instant first = next(anchor);
        if (first == null || first.isAfter(now)) {
            return null;
        }
        Instant latest = first;
        Instant before = execution.lastExecution(now.truncatedTo(ChronoUnit.SECONDS).atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
        if (before != null && firstPass(before).isAfter(latest)) {
            latest = firstPass(before);
        }
        for (Instant n = next(latest); n != null && !n.isAfter(now); n = next(latest)) {
            latest = n;
        }
        return latest;
    }

    /**
     * The same wall time in the first pass when the instant is in the second pass of an hour repeated as
     * clocks go back (01:29 EST gives 01:29 EDT), else the instant. Occurrences from the first pass on are those
     * a daemon that never stopped runs: cron-utils, asked from a time inside the second pass, would offer
     * that pass's 01:30 even to a daily job that ran at the first one.
     */
    private Instant firstPass(Instant t) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition previous = rules.previousTransition(t.plusNanos(1));
        if (previous == null || !previous.isOverlap()) {
            return t;
        }
        Instant secondPassEnd = previous.getInstant().plus(previous.getDuration().abs());
        return t.isBefore(secondPassEnd) ? t.minus(previous.getDuration().abs()) : t;
    }

    /** The first occurrence strictly after the instant, with occurrences in a DST gap moved to its end. */
    Instant next(Instant after) {
        Instant regular = regularAfter(after);
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition t = rules.nextTransition(after);
        for (int i = 0; t != null && i < MAX_TRANSITIONS && (regular == null || t.getInstant().isBefore(regular));
             i++, t = rules.nextTransition(t.getInstant())) {
            if (!t.isGap() || !matchesInGap(t)) {
                continue;
            }
            Instant end = t.getInstant();
            Instant soon = regularAfter(end.minusNanos(1));
            if (soon == null || !soon.isBefore(end.plus(t.getDuration()))) {
                return end;
            }
        }
        return regular;
    }

    private Instant regularAfter(Instant after) {
        // cron-utils carries the fraction of a second over into its answer; occurrences are whole seconds.
        return execution.nextExecution(after.truncatedTo(ChronoUnit.SECONDS).atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
    }

    /** Whether a wall-clock time the gap skips (e.g. 02:00 to 02:59:59) matches the expression. */
    private boolean matchesInGap(ZoneOffsetTransition gap) {
        // On a fixed offset there is no gap: the skipped wall-clock times exist there.
        ZonedDateTime before = gap.getDateTimeBefore().minusSeconds(1).atZone(gap.getOffsetBefore());
        return execution.nextExecution(before)
                .map(n -> n.toLocalDateTime().isBefore(gap.getDateTimeAfter()))
                .orElse(false);
    }

    @Override
    public String toString() {
        return text + " (" + zone + ")";
    }
}
