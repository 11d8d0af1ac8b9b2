package dev.tend.daemon.project;

import dev.tend.daemon.core.jobs.JobSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 3 * * *", "*/15 9-17 * * 1-5", "0 0 1 1 *", "0 0 * * 0", "0 0 * * 7",
            "5,35 * * * MON-FRI", "0 12 1-7 JAN,JUL *"})
    void acceptsFiveFieldUnixCron(String schedule) {
        assertEquals(schedule, Schedules.validate(schedule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 0 3 * * *", "*/10 * * * * *", "0 0 12 * * 1-5"})
    void acceptsSixFieldCronWithSecondsFirst(String schedule) {
        assertEquals(schedule, Schedules.validate(schedule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"60 * * * *", "* 24 * * *", "0 0 32 * *", "0 0 * 13 *", "0 0 * * 8", "x * * * *"})
    void refusesOutOfRangeOrGarbageFiveFieldCron(String schedule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate(schedule));
        assertTrue(e.getMessage().startsWith("bad cron schedule '" + schedule + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"60 0 3 * * *", "0 60 3 * * *", "0 0 3 * * 9"})
    void refusesOutOfRangeSixFieldCron(String schedule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate(schedule));
        assertTrue(e.getMessage().startsWith("bad cron schedule"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 31 2 *", "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 0 31 2 *"})
    void refusesADateThatNeverComes(String schedule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate(schedule));
        assertTrue(e.getMessage().contains("never fires"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 29 2 *", "0 0 29 2 1", "0 0 13 * 5", "0 0 0 29 2 *"})
    void rareDatesCome(String schedule) {
        assertEquals(schedule, Schedules.validate(schedule));
    }

    @Test
    void sixFieldsWithAYearSayTheyAreReadSecondsFirst() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate("* * * * * 2030"));
        assertTrue(e.getMessage().contains("6 fields are read seconds first") && e.getMessage().contains("no year field"),
                e.getMessage());
    }

    @Test
    void wrongFieldCountSaysHowManyFieldsAreExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate("0 3 *"));
        assertTrue(e.getMessage().contains("3 fields; expected 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate("0 0 3 * * * 2030"));
        assertTrue(e.getMessage().contains("7 fields"), e.getMessage());
    }

    @Test
    void everyTakesAPositiveDuration() {
        assertEquals("@every 10m", Schedules.validate("@every 10m"));
        assertEquals("@every 1m30s", Schedules.validate("  @every   1m30s "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedules.validate("@every 0s"))
                .getMessage().contains("must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedules.validate("@every 10"))
                .getMessage().contains("bare number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedules.validate("@every"))
                .getMessage().contains("@every DURATION"));
        assertThrows(IllegalArgumentException.class, () -> Schedules.validate("@every10m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@every", "@every10m", "@every 10", "@every 0s", "@every 1x", "@everyday"})
    void aBadEverySaysWhatTheSchedulerSays(String schedule) {
        String ours = assertThrows(IllegalArgumentException.class, () -> Schedules.validate(schedule)).getMessage();
        String scheduler = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse(schedule, ZoneOffset.UTC)).getMessage();
        assertEquals(scheduler, ours);
    }

    @Test
    void acceptsTheUsualMacros() {
        for (String macro : new String[] {"@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually",
                "@midnight"}) {
            assertEquals(macro, Schedules.validate(macro));
        }
    }

    @Test
    void unknownMacroSuggestsTheClosestOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate("@dayly"));
        assertTrue(e.getMessage().contains("did you mean '@daily'?"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.validate("@reboot"));
        assertTrue(e.getMessage().contains("not a schedule"), e.getMessage());
    }
}
