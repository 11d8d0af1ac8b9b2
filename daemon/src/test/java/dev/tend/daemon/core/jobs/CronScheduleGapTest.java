package dev.tend.daemon.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Only an occurrence that a DST gap skips moves to the gap's end; every other one keeps its time that day. */
class CronScheduleGapTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void aDailyJobAfterTheGapRunsAtItsOwnTimeNotAtTheGapsEnd() {
        JobSchedule s = JobSchedule.parse("30 4 * * *", BERLIN);
        assertEquals(at("2026-03-29T04:30+02:00"), s.nextAfter(at("2026-03-28T12:00+01:00"), at("2026-03-28T12:00+01:00")));
    }

    @Test
    void aDailyJobBeforeTheGapRunsAtItsOwnTime() {
        JobSchedule s = JobSchedule.parse("30 1 * * *", BERLIN);
        assertEquals(at("2026-03-29T01:30+01:00"), s.nextAfter(at("2026-03-28T12:00+01:00"), at("2026-03-28T12:00+01:00")));
    }

    @Test
    void aJobAtTheFirstSkippedMinuteRunsAtTheGapsEnd() {
        JobSchedule s = JobSchedule.parse("0 2 * * *", BERLIN);
        assertEquals(at("2026-03-29T03:00+02:00"), s.nextAfter(at("2026-03-28T12:00+01:00"), at("2026-03-28T12:00+01:00")));
    }

    @Test
    void aJobAtTheLastSkippedMinuteRunsAtTheGapsEnd() {
        JobSchedule s = JobSchedule.parse("59 2 * * *", BERLIN);
        assertEquals(at("2026-03-29T03:00+02:00"), s.nextAfter(at("2026-03-28T12:00+01:00"), at("2026-03-28T12:00+01:00")));
    }

    @Test
    void aJobAtTheFirstMinuteAfterTheGapRunsOnceThen() {
        JobSchedule s = JobSchedule.parse("0 3 * * *", BERLIN);
        Instant first = s.nextAfter(at("2026-03-28T12:00+01:00"), at("2026-03-28T12:00+01:00"));
        assertEquals(at("2026-03-29T03:00+02:00"), first);
        assertEquals(at("2026-03-30T03:00+02:00"), s.nextAfter(first, first));
    }

    @Test
    void onAFixedOffsetNothingIsSkipped() {
        JobSchedule s = JobSchedule.parse("30 2 * * *", ZoneOffset.ofHours(1));
        assertEquals(at("2026-03-29T02:30+01:00"), s.nextAfter(at("2026-03-28T12:00+01:00"), at("2026-03-28T12:00+01:00")));
    }
}
