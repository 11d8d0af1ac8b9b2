package dev.tend.daemon.project;

import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.jobs.JobSchedule;
import dev.tend.daemon.core.time.Durations;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Checks a job's `schedule:`: a 5-field UNIX cron expression, the same with a seconds field first, "@every
 * DURATION", or one of the @-macros. The scheduler re-parses the text; this only guarantees it can.
 */
final class Schedules {

    static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    private Schedules() {
    }

    /**
     * @return the schedule, trimmed
     * @throws IllegalArgumentException saying what is wrong
     */
    static String validate(String text) {
        String schedule = text.strip();
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("empty schedule");
        }
        if (schedule.startsWith("@")) {
            return macro(schedule);
        }
        JobSchedule.parse(schedule, ZoneOffset.UTC); // the scheduler's own reading: one set of cron rules and messages
        return schedule;
    }

    private static String macro(String schedule) {
        if (schedule.startsWith("@every")) {
            String rest = schedule.substring("@every".length());
            if (rest.isBlank() || !Character.isWhitespace(rest.charAt(0))) {
                throw new IllegalArgumentException("bad schedule '" + schedule + "': write '@every DURATION', "
                        + "e.g. '@every 10m'");
            }
            Duration every;
            try {
                every = Durations.parse(rest.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad schedule '" + schedule + "': " + e.getMessage());
            }
            if (every.isZero()) {
                throw new IllegalArgumentException("bad schedule '" + schedule + "': the interval must be positive");
            }
            return "@every " + rest.strip();
        }
        if (schedule.equals("@reboot")) {
            throw new IllegalArgumentException("@reboot is not a schedule; declare a service for what must run at "
                    + "start");
        }
        if (!MACROS.contains(schedule)) {
            throw new IllegalArgumentException("unknown schedule '" + schedule + "'" + Names.didYouMean(schedule,
                    MACROS) + " (expected a cron expression, '@every DURATION' or one of @hourly, @daily, "
                    + "@weekly, @monthly, @yearly)");
        }
        return schedule;
    }
}
