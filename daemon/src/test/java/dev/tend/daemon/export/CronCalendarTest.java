package dev.tend.daemon.export;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronCalendarTest {

    private static List<String> calendar(String schedule) {
        return CronCalendar.translate(schedule, null).onCalendar();
    }

    @Test
    void fiveFieldsBecomeOneCalendarWithSecondsZero() {
        assertEquals(List.of("*-*-* 03:30:00"), calendar("30 3 * * *"));
    }

    @Test
    void stepsAndRangesAreExpandedIntoLists() {
        assertEquals(List.of("*-*-* *:00,15,30,45:00"), calendar("*/15 * * * *"));
        assertEquals(List.of("*-*-* 09,10,11,12:05:00"), calendar("5 9-12 * * *"));
        assertEquals(List.of("*-*-* *:05,25,45:00"), calendar("5/20 * * * *"));
    }

    @Test
    void weekdaysAreNamedAndSevenIsSunday() {
        assertEquals(List.of("Mon,Tue,Wed,Thu,Fri *-*-* 00:00:00"), calendar("0 0 * * 1-5"));
        assertEquals(List.of("Sun *-*-* 00:00:00"), calendar("0 0 * * 7"));
        assertEquals(List.of("Sun,Sat *-*-* 00:00:00"), calendar("0 0 * * SAT,SUN"));
    }

    @Test
    void rangesWithStepsAndListsOfThemAreWalkedFromTheParsedModel() {
        assertEquals(List.of("*-*-* *:10,15,20,25,30,45:00"), calendar("10-30/5,45 * * * *"));
        assertEquals(List.of("*-*-* 00,06,12,18:00:00"), calendar("0 */6 * * *"));
        assertEquals(List.of("Sun,Mon,Tue *-*-* 00:00:00"), calendar("0 0 * * 0-2"));
    }

    @Test
    void monthNamesAndDaysOfMonth() {
        assertEquals(List.of("*-01,07-01 12:00:00"), calendar("0 12 1 JAN,JUL *"));
    }

    /** cron fires when either day field matches; systemd needs both in one expression, so two lines. */
    @Test
    void bothDayFieldsRestrictedGiveTwoCalendars() {
        assertEquals(List.of("*-*-13 00:00:00", "Fri *-*-* 00:00:00"), calendar("0 0 13 * 5"));
    }

    @Test
    void sixFieldsStartWithSeconds() {
        assertEquals(List.of("*-*-* *:*:00,30"), calendar("*/30 * * * * *"));
    }

    @Test
    void macrosFollowCronNotSystemdShorthands() {
        assertEquals(List.of("Sun *-*-* 00:00:00"), calendar("@weekly"));
        assertEquals(List.of("*-*-* *:00:00"), calendar("@hourly"));
        assertEquals(List.of("*-01-01 00:00:00"), calendar("@annually"));
    }

    @Test
    void aTimeZoneIsAppended() {
        assertEquals(List.of("*-*-* 03:00:00 Europe/Berlin"),
                CronCalendar.translate("0 3 * * *", "Europe/Berlin").onCalendar());
    }

    @Test
    void everyBecomesAnInterval() {
        CronCalendar.Timer t = CronCalendar.translate("@every 1m30s", null);
        assertEquals(Duration.ofSeconds(90), t.every());
        assertTrue(t.onCalendar().isEmpty());
    }

    @Test
    void cronExtensionsWithoutSystemdFormAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> calendar("0 0 L * *"));
        assertTrue(e.getMessage().contains("'0 0 L * *' has no systemd equivalent"), e.getMessage());
    }
}
