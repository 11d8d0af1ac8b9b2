package dev.tend.daemon.core.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    /** The next n occurrences after start, as each job's anchor advances. */
    private static List<Instant> occurrences(JobSchedule s, Instant start, int n) {
        List<Instant> out = new ArrayList<>();
        Instant t = start;
        for (int i = 0; i < n; i++) {
            t = s.nextAfter(t, t);
            out.add(t);
        }
        return out;
    }

    @Test
    void dailyJobInTheSkippedHourRunsAtTheEndOfTheGapWhenClocksGoForward() {
        JobSchedule s = JobSchedule.parse("30 2 * * *", BERLIN);
        assertEquals(List.of(at("2026-03-28T02:30+01:00"), at("2026-03-29T03:00+02:00"), at("2026-03-30T02:30+02:00")),
                occurrences(s, at("2026-03-27T12:00+01:00"), 3));
    }

    @Test
    void dailyJobInTheRepeatedHourRunsOnceWhenClocksGoBack() {
        JobSchedule s = JobSchedule.parse("30 2 * * *", BERLIN);
        assertEquals(List.of(at("2026-10-24T02:30+02:00"), at("2026-10-25T02:30+02:00"), at("2026-10-26T02:30+01:00")),
                occurrences(s, at("2026-10-23T12:00+02:00"), 3));
    }

    @Test
    void hourlyJobIsNotDoubledWhenClocksGoForwardAndRunsInBothRepeatedHours() {
        JobSchedule s = JobSchedule.parse("@hourly", BERLIN);
        assertEquals(List.of(at("2026-03-29T01:00+01:00"), at("2026-03-29T03:00+02:00"), at("2026-03-29T04:00+02:00")),
                occurrences(s, at("2026-03-29T00:30+01:00"), 3));
        assertEquals(List.of(at("2026-10-25T02:00+02:00"), at("2026-10-25T02:00+01:00"), at("2026-10-25T03:00+01:00")),
                occurrences(s, at("2026-10-25T01:30+02:00"), 3));
    }

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void fixedTimeJobThatRanAtTheFirstPassDoesNotRunAtTheSecondAfterARestart() {
        JobSchedule s = JobSchedule.parse("30 1 * * *", NEW_YORK);
        // Ran at 01:30 EDT; the daemon is (re)started at 01:29:30 EST, inside the repeated hour.
        Instant ranAt = at("2027-11-07T01:30-04:00");
        assertEquals(at("2027-11-08T01:30-05:00"), s.nextAfter(ranAt, at("2027-11-07T01:29:30-05:00")));
        // Down since the day before: the day's 01:30 (the first) was missed; the second is not another one.
        Instant dayBefore = at("2027-11-06T01:30-04:00");
        assertEquals(at("2027-11-08T01:30-05:00"), s.nextAfter(dayBefore, at("2027-11-07T01:29:30-05:00")));
        assertEquals(at("2027-11-07T01:30-04:00"), s.latestDue(dayBefore, at("2027-11-07T01:31-05:00")));
        assertNull(s.latestDue(ranAt, at("2027-11-07T01:31-05:00")));
    }

    @Test
    void hourlyJobStillRunsInBothRepeatedHoursAcrossARestart() {
        JobSchedule s = JobSchedule.parse("@hourly", NEW_YORK);
        assertEquals(at("2027-11-07T01:00-05:00"), s.nextAfter(at("2027-11-07T01:00-04:00"), at("2027-11-07T01:59:30-04:00")));
        assertEquals(at("2027-11-07T02:00-05:00"), s.nextAfter(at("2027-11-07T01:00-05:00"), at("2027-11-07T01:10-05:00")));
        // Down through the first pass: the next is the second pass's 01:00, which a running daemon runs too.
        assertEquals(at("2027-11-07T01:00-05:00"), s.nextAfter(at("2027-11-07T00:00-04:00"), at("2027-11-07T01:30-04:00")));
        assertEquals(at("2027-11-07T01:00-05:00"), s.latestDue(at("2027-11-07T00:00-04:00"), at("2027-11-07T01:30-05:00")));
    }

    @Test
    void jobAtQuarterPastEveryHourRunsAtItsNextRegularTimeAfterTheGap() {
        JobSchedule s = JobSchedule.parse("15 * * * *", BERLIN);
        assertEquals(List.of(at("2026-03-29T01:15+01:00"), at("2026-03-29T03:15+02:00")),
                occurrences(s, at("2026-03-29T01:00+01:00"), 2));
    }

    @Test
    void cronFollowsTheJobsTimezoneNotUtc() {
        JobSchedule s = JobSchedule.parse("0 3 * * *", ZoneId.of("America/New_York"));
        assertEquals(at("2026-07-01T03:00-04:00"), s.nextAfter(Instant.EPOCH, at("2026-06-30T12:00-04:00")));
    }

    @Test
    void sixFieldsHaveSecondsFirst() {
        JobSchedule s = JobSchedule.parse("*/1 * * * * *", ZoneOffset.UTC);
        Instant t = at("2026-01-01T00:00:00.500Z");
        assertEquals(at("2026-01-01T00:00:01Z"), s.nextAfter(t, t));
        JobSchedule every10 = JobSchedule.parse("*/10 * * * * *", ZoneOffset.UTC);
        assertEquals(at("2026-01-01T00:00:10Z"), every10.nextAfter(t, t));
    }

    @Test
    void theSharedCronDefinitionsReadFiveFieldsMinuteFirstAndSixSecondsFirst() {
        com.cronutils.parser.CronParser five = new com.cronutils.parser.CronParser(CronDefinitions.unix(false));
        com.cronutils.parser.CronParser six = new com.cronutils.parser.CronParser(CronDefinitions.unix(true));
        five.parse("*/5 * * * *").validate();
        six.parse("30 */5 * * * *").validate();
        assertThrows(IllegalArgumentException.class, () -> five.parse("30 */5 * * * *"));
        assertThrows(IllegalArgumentException.class, () -> six.parse("*/5 * * * *"));
    }

    @Test
    void macrosStandForTheirCronExpressions() {
        Instant t = at("2026-05-13T10:20:00Z"); // a Wednesday
        assertEquals(at("2026-05-14T00:00Z"), JobSchedule.parse("@daily", ZoneOffset.UTC).nextAfter(t, t));
        assertEquals(at("2026-05-14T00:00Z"), JobSchedule.parse("@midnight", ZoneOffset.UTC).nextAfter(t, t));
        assertEquals(at("2026-05-17T00:00Z"), JobSchedule.parse("@weekly", ZoneOffset.UTC).nextAfter(t, t));
        assertEquals(at("2026-06-01T00:00Z"), JobSchedule.parse("@monthly", ZoneOffset.UTC).nextAfter(t, t));
        assertEquals(at("2027-01-01T00:00Z"), JobSchedule.parse("@yearly", ZoneOffset.UTC).nextAfter(t, t));
        assertEquals(at("2027-01-01T00:00Z"), JobSchedule.parse("@annually", ZoneOffset.UTC).nextAfter(t, t));
        assertEquals(at("2026-05-13T11:00Z"), JobSchedule.parse("@hourly", ZoneOffset.UTC).nextAfter(t, t));
    }

    @Test
    void everyKeepsItsPhaseFromTheAnchor() {
        JobSchedule s = JobSchedule.parse("@every 10m", BERLIN);
        Instant anchor = at("2026-01-01T00:00Z");
        assertEquals(at("2026-01-01T00:10Z"), s.nextAfter(anchor, anchor));
        assertEquals(at("2026-01-01T01:10Z"), s.nextAfter(anchor, at("2026-01-01T01:03Z")));
        assertEquals(at("2026-01-01T01:10Z"), s.nextAfter(anchor, at("2026-01-01T01:00Z")));
        assertEquals(new EverySchedule("@every 1h30m", Duration.ofMinutes(90)), JobSchedule.parse("@every 1h30m", BERLIN));
    }

    @Test
    void latestDueIsTheNewestOccurrenceMissedSinceTheAnchor() {
        JobSchedule daily = JobSchedule.parse("0 3 * * *", ZoneOffset.UTC);
        Instant anchor = at("2026-01-01T03:00Z");
        assertNull(daily.latestDue(anchor, at("2026-01-02T02:59Z")));
        assertEquals(at("2026-01-02T03:00Z"), daily.latestDue(anchor, at("2026-01-02T03:00Z")));
        assertEquals(at("2026-01-05T03:00Z"), daily.latestDue(anchor, at("2026-01-05T12:00Z")));

        JobSchedule every = JobSchedule.parse("@every 1h", ZoneOffset.UTC);
        assertNull(every.latestDue(anchor, at("2026-01-01T03:59Z")));
        assertEquals(at("2026-01-01T06:00Z"), every.latestDue(anchor, at("2026-01-01T06:30Z")));
    }

    @Test
    void badSchedulesAreRejectedWithTheReason() {
        String wrongCount = assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("* * *", BERLIN)).getMessage();
        assertTrue(wrongCount.contains("3 fields"), wrongCount);
        String range = assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("61 * * * *", BERLIN)).getMessage();
        assertTrue(range.contains("bad cron schedule '61 * * * *'"), range);
        String macro = assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("@often", BERLIN)).getMessage();
        assertTrue(macro.contains("unknown schedule '@often'"), macro);
        String unit = assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("@every 10", BERLIN)).getMessage();
        assertTrue(unit.contains("no unit"), unit);
        String zero = assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("@every 0s", BERLIN)).getMessage();
        assertTrue(zero.contains("positive"), zero);
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("  ", BERLIN));
    }

    @Test
    void anEveryIntervalLongerThanACenturyIsRefusedSinceNoTimeCouldHoldItsNextRun() {
        String far = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse("@every 99999999999999d", BERLIN)).getMessage();
        assertEquals("bad schedule '@every 99999999999999d': bad duration '99999999999999d': too long (at most 36500d, 100 years)", far);
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse("@every 36501d", BERLIN));
        Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(anchor.plus(Duration.ofDays(36500)),
                JobSchedule.parse("@every 36500d", BERLIN).nextAfter(anchor, anchor));
    }
}
