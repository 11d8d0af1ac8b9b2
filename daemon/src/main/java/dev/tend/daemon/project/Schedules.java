package dev.tend.daemon.project;

import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.jobs.EverySchedule;
import dev.tend.daemon.core.jobs.JobSchedule;

import java.time.ZoneOffset;

/**
 * Checks a job's `schedule:`: a 5-field UNIX cron expression, the same with a seconds field first, "@every
 * DURATION", or one of the @-macros. The scheduler re-parses the text; this only guarantees it can, by asking the
 * scheduler's own parser, and adds what only a project file needs: a suggestion for a misspelt macro and a word
 * on @reboot.
 */
final class Schedules {

    private Schedules() {
    }

    /**
     * @return the schedule, trimmed ("@every" with one space before its duration)
     * @throws IllegalArgumentException saying what is wrong
     */
    static String validate(String text) {
        String schedule = text.strip();
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("empty schedule");
        }
        if (schedule.equals("@reboot")) {
            throw new IllegalArgumentException("@reboot is not a schedule; declare a service for what must run at "
                    + "start");
        }
        if (schedule.startsWith("@") && !schedule.startsWith("@every")
                && !JobSchedule.MACROS.containsKey(schedule)) {
            throw new IllegalArgumentException("unknown schedule '" + schedule + "'" + Names.didYouMean(schedule,
                    JobSchedule.MACROS.keySet()) + " (expected a cron expression, '@every DURATION' or one of "
                    + "@hourly, @daily, @weekly, @monthly, @yearly)");
        }
        // the scheduler's own reading: one set of cron and @every rules and messages
        JobSchedule parsed = JobSchedule.parse(schedule, ZoneOffset.UTC);
        if (parsed instanceof EverySchedule) {
            return "@every " + schedule.substring("@every".length()).strip();
        }
        return schedule;
    }
}
