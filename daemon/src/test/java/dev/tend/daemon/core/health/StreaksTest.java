package dev.tend.daemon.core.health;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counting rules of liveness checks and memory samples. */
class StreaksTest {

    @Test
    void failuresTripOnlyInARowAndASuccessStartsOver() {
        FailureStreak s = new FailureStreak();
        assertFalse(s.record(false, "HTTP 503", 3));
        assertFalse(s.record(false, "HTTP 500", 3));
        assertEquals(2, s.failures());
        assertEquals("HTTP 500", s.lastError(), "the last error is told");
        assertFalse(s.record(true, null, 3));
        assertEquals(0, s.failures());
        assertNull(s.lastError());
        assertFalse(s.record(false, "x", 3));
        assertFalse(s.record(false, "x", 3));
        assertTrue(s.record(false, "Connection refused", 3));
    }

    @Test
    void oneAllowedFailureTripsAtOnce() {
        assertTrue(new FailureStreak().record(false, "x", 1));
    }

    @Test
    void memoryTripsAtTheSecondSampleInARowAboveTheLimit() {
        MemoryStreak m = new MemoryStreak();
        assertFalse(m.sample(200, 100));
        assertFalse(m.sample(100, 100), "at the limit is not above it");
        assertFalse(m.sample(200, 100));
        assertTrue(m.sample(300, 100));
    }

    @Test
    void aliveStatusDescribesOnlyAFailingRun() {
        assertNull(new AliveStatus(0, 3, null).describe());
        assertEquals("unhealthy 2/3: HTTP 503", new AliveStatus(2, 3, "HTTP 503").describe());
    }
}
