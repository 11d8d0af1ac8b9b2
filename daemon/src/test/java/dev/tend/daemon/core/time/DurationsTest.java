package dev.tend.daemon.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void parsesEachUnitAndCombinations() {
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofHours(1).plusMinutes(5).plusMillis(7), Durations.parse("1h5m7ms"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
        assertEquals(Duration.ofSeconds(3), Durations.parse(" 3s "));
    }

    @Test
    void bareNumberIsRefusedWithAHintAboutUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("10"));
        assertTrue(e.getMessage().contains("a bare number has no unit"), e.getMessage());
        assertTrue(e.getMessage().contains("10s"), e.getMessage());
    }

    @Test
    void negativeDurationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
        assertTrue(e.getMessage().contains("cannot be negative"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "", "s", "1.5s", "10 s", "10x", "30s1m", "1m1m", "10sec", "1H"})
    void malformedDurationsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("duration") || e.getMessage().contains("unit"), e.getMessage());
    }

    @Test
    void hugeDurationIsRefusedNotWrapped() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999d"));
    }

    @Test
    void aDurationLongerThanAHundredYearsIsRefusedAsNoClockCouldCountIt() {
        assertEquals(Duration.ofDays(36500), Durations.parse("36500d"));
        assertEquals(Durations.LONGEST, Durations.parse("36500d"));
        for (String text : new String[] {"36500d1ms", "36501d", "200000000000d", "9223372036854775807ms"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
            assertEquals("bad duration '" + text + "': too long (at most 36500d, 100 years)", e.getMessage());
        }
        // what every user of a duration does with it holds for the longest: nanoseconds, milliseconds, an Instant
        assertTrue(Durations.LONGEST.toNanos() > 0);
        assertTrue(java.time.Instant.now().minus(Durations.LONGEST).isBefore(java.time.Instant.now()));
    }

    @Test
    void formatWritesTheShortestTextThatParsesBack() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("1d2h", Durations.format(Duration.ofHours(26)));
        Duration odd = Duration.ofHours(3).plusSeconds(4).plusMillis(5);
        assertEquals(odd, Durations.parse(Durations.format(odd)));
    }
}
