package dev.tend.daemon.core.jobs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A refused cron expression names the field that is wrong and says why in cron's terms, not cron-utils' model. */
class CronFieldErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*/0 * * * *   | minute field '*/0': the step (after /) must be 1 or more",
            "*/61 * * * *  | minute field '*/61': the step 61 is over 59",
            "1,,2 * * * *  | minute field '1,,2': an empty item (two commas in a row, or a comma at an end)",
            "1, * * * *    | minute field '1,': an empty item (two commas in a row, or a comma at an end)",
            "61 * * * *    | minute field '61': 61 is out of range: a minute is 0 to 59",
            "* 24 * * *    | hour field '24': 24 is out of range: a hour is 0 to 23",
            "* * 0 * *     | day-of-month field '0': 0 is out of range: a day-of-month is 1 to 31",
            "* * * 13 *    | month field '13': 13 is out of range: a month is 1 to 12",
            "* * * * 8     | day-of-week field '8': 8 is out of range: a day-of-week is 0 to 7",
            "a * * * *     | minute field 'a': 'a' is not a number (cron's L, W and # are not supported)",
            "* * * * FOO   | day-of-week field 'FOO': 'FOO' is not a number or a name (JAN-DEC, SUN-SAT) (cron's L, W and # are not supported)",
            "1,x * * * *   | minute field '1,x': 'x' is not a number (cron's L, W and # are not supported)",
            "5-1 * * * *   | minute field '5-1': the range 5-1 runs backwards: write the low end first",
            "*/ * * * *    | minute field '*/': a step is missing after '/'",
            "1-2-3 * * * * | minute field '1-2-3': '1-2-3' is not a range: write LOW-HIGH",
            "* * * * MON-  | day-of-week field 'MON-': 'MON-' is not a range: write LOW-HIGH",
            "0 61 * * * *  | minute field '61': 61 is out of range: a minute is 0 to 59 (6 fields are read seconds first: second minute hour day-of-month month day-of-week; there is no year field)",
    })
    void aRefusedExpressionNamesItsFieldAndWhy(String expression, String why) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> JobSchedule.parse(expression, ZoneOffset.UTC)).getMessage();
        assertEquals("bad cron schedule '" + expression + "': " + why, message);
    }
}
