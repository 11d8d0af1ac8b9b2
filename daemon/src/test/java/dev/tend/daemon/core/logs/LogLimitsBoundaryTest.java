package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The smallest limits that are allowed are allowed, one less is refused, and costs change exactly at UTF-8's steps. */
class LogLimitsBoundaryTest {

    private static final Instant T = Instant.parse("2026-11-24T08:42:49.123Z");

    @Test
    void eachCharacterCostsWhatItsJsonEscapeAndUtf8EncodingTake() {
        assertEquals(6, LogBudget.encodedSize("\u001f"), "the last control character is escaped");
        assertEquals(1, LogBudget.encodedSize(" "), "the first printable one is not");
        assertEquals(1, LogBudget.encodedSize("\u007f"), "the last one-byte character");
        assertEquals(2, LogBudget.encodedSize("\u0080"), "the first two-byte character");
        assertEquals(2, LogBudget.encodedSize("\u07ff"));
        assertEquals(3, LogBudget.encodedSize("\u0800"), "the first three-byte character");
        assertEquals(3, LogBudget.encodedSize("\uffff"));
        assertEquals(4, LogBudget.encodedSize(new String(Character.toChars(0x10000))), "the first four-byte one");
        assertEquals(6, LogBudget.encodedSize("\ud800"), "a lone surrogate may be written escaped");
        assertEquals(2, LogBudget.encodedSize("\""));
    }

    @Test
    void aServicesLinesCostTheFieldsPlusBothNames() {
        assertEquals(LogBudget.FIELDS_BYTES + 4 + 3, LogBudget.forService("demo", "web").lineOverhead());
        assertEquals(LogBudget.FIELDS_BYTES + LogBudget.JOB_FIELD_BYTES + 4 + 2 * 6,
                LogBudget.forJob("demo", "backup").lineOverhead());
        assertEquals(LogBudget.PAGE_BYTES, LogBudget.forService("demo", "web").bytes());
    }

    @Test
    void aLineCostingExactlyTheBudgetIsKeptWhole() {
        LogBudget budget = new LogBudget(110, 100);
        LogLine exact = new LogLine(T, LogStream.OUT, "x".repeat(10));
        assertSame(exact, budget.fit(exact));
        LogLine over = new LogLine(T, LogStream.OUT, "x".repeat(11));
        assertTrue(budget.fit(over).text().contains("[tend: line cut to fit a message"));
    }

    @Test
    void aBudgetMustHoldMoreThanOneLinesOverhead() {
        assertDoesNotThrow(() -> new LogBudget(101, 100));
        assertThrows(IllegalArgumentException.class, () -> new LogBudget(100, 100));
        assertDoesNotThrow(() -> new LogBudget(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LogBudget(10, -1));
    }

    @Test
    void theSmallestLogPolicyIsOneByteOneFileSixteenByteLines() {
        assertDoesNotThrow(() -> new LogPolicy(1, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> new LogPolicy(0, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> new LogPolicy(1, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> new LogPolicy(1, 1, 15));
    }

    @Test
    void aPositionIsNeverBeforeTheStartOfItsFileAndStartHasNoOffset() {
        assertDoesNotThrow(() -> new LogPosition("k", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LogPosition("k", 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new LogPosition(null, -1, 1));
        assertEquals(LogPosition.START, LogPosition.parse("start"));
        assertEquals(new LogPosition("1:2", 7, 42), LogPosition.parse(new LogPosition("1:2", 7, 42).token()));
    }
}
