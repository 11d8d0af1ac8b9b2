package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.time.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * When a job runs: a cron expression in a time zone ({@link CronSchedule}) or a fixed interval
 * ({@link EverySchedule}). The scheduler remembers an anchor per job, the scheduled time it last fired
 * (or when it was first registered), which an interval keeps its phase from.
 */
public sealed interface JobSchedule permits CronSchedule, EverySchedule {

    /** The macros cron users know, as the 5-field expressions they stand for. */
    Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    /** The schedule as the user wrote it. */
    String text();

    /** The first occurrence strictly after now, for a schedule anchored (last fired) at anchor; null: never. */
    Instant nextAfter(Instant anchor, Instant now);

    /** The latest occurrence in (anchor, now], or null if the schedule did not come due in between. */
    Instant latestDue(Instant anchor, Instant now);

    /**
     * Reads a 5-field cron expression, 6 fields with seconds first, one of {@link #MACROS}, or "@every
     * DURATION" (units ms, s, m, h, d, largest first: "1h30m").
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    /** The shortest `@every`: cron's finest step (its seconds field), and a process start at most each second. */
    Duration SHORTEST_EVERY = Duration.ofSeconds(1);

    static JobSchedule parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty schedule");
        }
        String schedule = text.strip();
        if (schedule.startsWith("@every")) {
            String rest = schedule.substring("@every".length());
            if (rest.isBlank() || !Character.isWhitespace(rest.charAt(0))) {
                throw new IllegalArgumentException("bad schedule '" + schedule + "': write '@every DURATION', e.g. '@every 10m'");
            }
            Duration every;
            try {
                every = Durations.parse(rest.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad schedule '" + schedule + "': " + e.getMessage(), e);
            }
            if (every.isZero()) {
                throw new IllegalArgumentException("bad schedule '" + schedule + "': the interval must be positive");
            }
            if (every.compareTo(SHORTEST_EVERY) < 0) {
                // each run is a process (or a `skipped` row): @every 1ms kept the daemon busy writing history
                throw new IllegalArgumentException("bad schedule '" + schedule + "': the interval must be at least 1s, "
                        + "as cron's finest; for more often, run a service that loops");
            }
            return new EverySchedule(schedule, every);
        }
        if (schedule.startsWith("@")) {
            String expanded = MACROS.get(schedule);
            if (expanded == null) {
                throw new IllegalArgumentException("unknown schedule '" + schedule + "' (expected a cron expression, "
                        + "'@every DURATION' or one of @hourly, @daily, @weekly, @monthly, @yearly)");
            }
            return CronSchedule.of(schedule, expanded, zone);
        }
        return CronSchedule.of(schedule, schedule, zone);
    }
}
