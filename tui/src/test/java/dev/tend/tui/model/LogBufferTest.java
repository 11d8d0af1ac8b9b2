package dev.tend.tui.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogBufferTest {
    private static LogEntry line(String service, int second, String text) {
        return new LogEntry("shop", service, Instant.parse("2030-01-01T10:00:00Z").plusSeconds(second), false, text);
    }

    @Test
    void tailsOfSeveralServicesAreInterleavedByTime() {
        LogBuffer b = new LogBuffer(100, () -> { });
        b.retarget(LogTarget.project("shop"));
        b.reset(LogTarget.project("shop"), List.of(line("api", 1, "a1"), line("api", 3, "a3"), line("db", 2, "d2")));
        assertEquals(List.of("a1", "d2", "a3"), b.view().lines().stream().map(LogEntry::text).toList());
    }

    @Test
    void linesForAnotherTargetNeverLand() {
        LogBuffer b = new LogBuffer(100, () -> { });
        b.retarget(LogTarget.service("shop", "api"));
        b.reset(LogTarget.service("shop", "db"), List.of(line("db", 1, "late answer")));
        b.append(List.of(line("db", 2, "other service"), line("api", 3, "mine")));
        assertEquals(List.of("mine"), b.view().lines().stream().map(LogEntry::text).toList());
    }

    @Test
    void keepsOnlyTheNewestLines() {
        LogBuffer b = new LogBuffer(3, () -> { });
        b.retarget(LogTarget.service("shop", "api"));
        for (int i = 0; i < 10; i++) {
            b.append(List.of(line("api", i, "l" + i)));
        }
        assertEquals(List.of("l7", "l8", "l9"), b.view().lines().stream().map(LogEntry::text).toList());
    }

    @Test
    void retargetingEmptiesThePane() {
        LogBuffer b = new LogBuffer(10, () -> { });
        b.retarget(LogTarget.service("shop", "api"));
        b.append(List.of(line("api", 1, "x")));
        b.retarget(LogTarget.service("shop", "db"));
        assertTrue(b.view().lines().isEmpty());
    }
}
