package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTimesTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-12-04T17:30:00+01:00[Europe/Paris]");

    private static String resolve(String value) {
        return LogTimes.resolve("--since", value, PARIS, NOW);
    }

    @Test
    void durationsGoToTheDaemonAsTheyAre() {
        assertEquals("10m", resolve("10m"));
        assertEquals("1h30m", resolve("1h30m"));
    }

    @Test
    void aDateIsItsMidnightInTheUsersZone() {
        assertEquals("2026-12-03T23:00:00Z", resolve("2026-12-04"));
    }

    @Test
    void aDateAndTimeWithSpaceOrTIsReadInTheUsersZone() {
        assertEquals("2026-12-04T16:00:00Z", resolve("2026-12-04 17:00"));
        assertEquals("2026-12-04T16:00:05.250Z", resolve("2026-12-04T17:00:05.250"));
    }

    @Test
    void aTimeOfDayIsToday() {
        assertEquals("2026-12-04T08:15:00Z", resolve("09:15"));
        assertEquals("2026-12-04T08:15:30Z", resolve("09:15:30"));
    }

    @Test
    void todayAndYesterdayAreTheirMidnight() {
        assertEquals("2026-12-03T23:00:00Z", resolve("today"));
        assertEquals("2026-12-02T23:00:00Z", resolve("yesterday"));
    }

    @Test
    void anInstantWithZoneOrOffsetKeepsIt() {
        assertEquals("2026-12-04T17:00:00Z", resolve("2026-12-04T17:00:00Z"));
        assertEquals("2026-12-04T15:00:00Z", resolve("2026-12-04T17:00:00+02:00"));
    }

    @Test
    void anythingElseIsAUsageErrorThatListsTheForms() {
        CliException e = assertThrows(CliException.class, () -> resolve("last tuesday"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("bad --since 'last tuesday': give a duration"), e.getMessage());
        assertTrue(e.getMessage().contains("(17:00)"), e.getMessage());
    }

    @Test
    void theDaemonsRefusalOfADurationNamesTheOptionTheUserGave() {
        Exception refused = LogTimes.asOption(new dev.tend.client.RpcError(-32602,
                "bad 'until': bad duration '99999999d': too long (at most 36500d, 100 years)", null));
        assertEquals("bad --until '99999999d': too long (at most 36500d, 100 years)", refused.getMessage());
        assertEquals(ExitCode.USAGE, ((CliException) refused).exitCode());
        Exception other = new dev.tend.client.RpcError(-32602, "bad 'tail': must be 0 or more", null);
        assertEquals(other, LogTimes.asOption(other), "any other refusal passes as it is");
    }

    @Test
    void theDaemonsRefusalOfASinceAfterTheUntilNamesTheOptions() {
        Exception refused = LogTimes.asOption(new dev.tend.client.RpcError(-32602,
                "'since' 1m is after 'until' 2m: no line is between them", null));
        assertEquals("--since 1m is after --until 2m: no line is between them", refused.getMessage());
        assertEquals(ExitCode.USAGE, ((CliException) refused).exitCode());
    }
}
