package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {

    @Test
    void underAMinuteIsSeconds() {
        assertEquals("0s", Durations.human(Duration.ZERO));
        assertEquals("45s", Durations.human(Duration.ofSeconds(45)));
        assertEquals("59s", Durations.human(Duration.ofMillis(59_999)));
    }

    @Test
    void minutesShowSecondsOnlyWhenNotWhole() {
        assertEquals("1m", Durations.human(Duration.ofSeconds(60)));
        assertEquals("12m", Durations.human(Duration.ofMinutes(12)));
        assertEquals("2m30s", Durations.human(Duration.ofSeconds(150)));
    }

    @Test
    void hoursShowMinutesOnlyWhenNotWhole() {
        assertEquals("1h", Durations.human(Duration.ofHours(1)));
        assertEquals("3h4m", Durations.human(Duration.ofMinutes(184).plusSeconds(59)));
    }

    @Test
    void daysShowHoursOnlyWhenNotWhole() {
        assertEquals("1d", Durations.human(Duration.ofDays(1).plusMinutes(59)));
        assertEquals("2d5h", Durations.human(Duration.ofDays(2).plusHours(5)));
        assertEquals("400d", Durations.human(Duration.ofDays(400)));
    }

    @Test
    void negativeDurationIsZero() {
        // a clock step back must not print "-5s"
        assertEquals("0s", Durations.human(Duration.ofSeconds(-5)));
    }
}
