package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogLineFormatTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void stdoutLineHasTimeAndBar() {
        Map<String, Object> line = Map.of("time", "2024-05-01T12:00:01.234Z", "stream", "out", "text", "hello");
        assertEquals("12:00:01.234 | hello", LogLineFormat.format(line, false, UTC));
    }

    @Test
    void stderrLineIsMarkedWithBang() {
        Map<String, Object> line = Map.of("time", "2024-05-01T12:00:01Z", "stream", "err", "text", "oops", "service", "api");
        assertEquals("12:00:01.000 api ! oops", LogLineFormat.format(line, true, UTC));
    }

    @Test
    void timeIsShownInTheGivenZone() {
        Map<String, Object> line = Map.of("time", "2024-05-01T12:00:01.5Z", "stream", "out", "text", "x");
        assertEquals("14:00:01.500 | x", LogLineFormat.format(line, false, ZoneId.of("Europe/Paris")));
    }

    @Test
    void jobLineTimesCarryTheOffsetWhereTheZoneHasDaylightSaving() {
        Map<String, Object> line = Map.of("time", "2027-11-07T06:30:00.120Z", "stream", "out", "text", "x");
        assertEquals("01:30:00.120-05:00 | x", LogLineFormat.formatJobLine(line, ZoneId.of("America/New_York")));
        assertEquals("06:30:00.120 | x", LogLineFormat.formatJobLine(line, UTC));
    }

    @Test
    void fullTimeHasTheDateAndTheZoneOffset() {
        Map<String, Object> line = Map.of("time", "2024-05-01T22:00:01.5Z", "stream", "out", "text", "x");
        assertEquals("2024-05-02T00:00:01.500+02:00 | x", LogLineFormat.format(line, null, ZoneId.of("Europe/Paris"), true));
        assertEquals("2024-05-01T22:00:01.500Z | x", LogLineFormat.format(line, null, UTC, true));
    }

    @Test
    void labelsArePaddedToAlignAndNameTheProjectWhenAsked() {
        Map<String, Object> line = Map.of("time", "2024-05-01T12:00:01Z", "stream", "err", "text", "oops",
                "project", "shop", "service", "api");
        assertEquals("12:00:01.000 api    ! oops", LogLineFormat.format(line, LogLineFormat.label(line, false, 6), UTC, false));
        assertEquals("12:00:01.000 shop/api ! oops", LogLineFormat.format(line, LogLineFormat.label(line, true, 3), UTC, false));
    }

    @Test
    void lineWithoutTimeStartsWithTheMarker() {
        assertEquals("| bare", LogLineFormat.format(Map.of("text", "bare"), false, UTC));
    }
}
