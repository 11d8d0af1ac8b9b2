package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void timeAlwaysHasThreeFractionDigits() {
        LogLine line = new LogLine(Instant.parse("2026-11-24T08:42:49Z"), LogStream.ERR, "boom");
        assertEquals("2026-11-24T08:42:49.000Z err boom", LogFormat.format(line));
    }

    @Test
    void formattedLineParsesBackExactly() {
        LogLine line = new LogLine(Instant.parse("2026-11-24T08:42:49.123Z"), LogStream.OUT, " spaced  text\tü ");
        String formatted = LogFormat.format(line);
        assertEquals("2026-11-24T08:42:49.123Z out  spaced  text\tü ", formatted);
        assertEquals(line, LogFormat.parse(formatted));
    }

    @Test
    void emptyTextParses() {
        assertEquals(new LogLine(Instant.parse("2000-01-01T00:00:00.001Z"), LogStream.OUT, ""),
                LogFormat.parse("2000-01-01T00:00:00.001Z out "));
    }

    @Test
    void linesOfAnotherShapeDoNotParse() {
        assertNull(LogFormat.parse("hello"));
        assertNull(LogFormat.parse("2026-11-24T08:42:49.123Z foo text"));
        assertNull(LogFormat.parse("2026-13-24T08:42:49.123Z out month 13"));
        assertNull(LogFormat.parse("2026-11-24 08:42:49.123Z out no T"));
        assertNull(LogFormat.parse("2026-11-24T08:42:49.123Zout glued"));
    }

    @Test
    void streamWordsParse() {
        assertEquals(LogStream.ERR, LogStream.parse("stderr"));
        assertEquals(LogStream.OUT, LogStream.parse("Out"));
    }

    @Test
    void aLineWithOneMalformedTimeFieldIsNotALogLine() {
        // year and millisecond would make an Instant even when negative: only the field check refuses them
        assertNull(LogFormat.parse("2x26-11-24T08:42:49.123Z out year"));
        assertNull(LogFormat.parse("2026-11-24T08:42:49.12xZ out millis"));
        assertNull(LogFormat.parse("2026-11-24T08:42:49.12:Z out colon is the byte after 9"));
        assertNull(LogFormat.parse("2026-11-24T08:42:49.12/Z out slash is the byte before 0"));
        assertNull(LogFormat.parse("2026-11-24T08:42:4x.123Z out second"));
        assertNull(LogFormat.parse("2026-11-24T08:x2:49.123Z out minute"));
    }

    @Test
    void everySeparatorOfTheTimeIsChecked() {
        String good = "2026-11-24T08:42:49.123Z out text";
        assertEquals("text", LogFormat.parse(good).text());
        for (int column : new int[] {4, 7, 10, 13, 16, 19, 23, 24, 28}) {
            char[] bad = good.toCharArray();
            bad[column] = '_';
            assertNull(LogFormat.parse(new String(bad)), "column " + column + " replaced");
        }
    }

    @Test
    void aLineShorterThanTheTextOffsetIsNotALogLine() {
        assertNull(LogFormat.parse("2026-11-24T08:42:49.123Z out"));
        assertNull(LogFormat.parse("2026-11-24T08:42:49.123Z ou"));
    }

    @Test
    void theLastDigitsOfEveryFieldAreRead() {
        assertEquals(Instant.parse("1999-12-31T23:59:59.999Z"),
                LogFormat.parse("1999-12-31T23:59:59.999Z err x").time());
    }

    @Test
    void timesOfTheYearsZeroAndNineThousandNineHundredNinetyNineAreWritten() {
        byte[] out = new byte[LogFormat.TIME_WIDTH];
        LogFormat.writeTime(Instant.parse("9999-12-31T23:59:59.999Z"), out, 0);
        assertEquals("9999-12-31T23:59:59.999Z", new String(out, java.nio.charset.StandardCharsets.US_ASCII));
        LogFormat.writeTime(Instant.parse("0000-01-01T00:00:00Z"), out, 0);
        assertEquals("0000-01-01T00:00:00.000Z", new String(out, java.nio.charset.StandardCharsets.US_ASCII));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LogFormat.writeTime(Instant.parse("+10000-01-01T00:00:00Z"), out, 0));
    }
}
