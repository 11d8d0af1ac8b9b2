package dev.tend.daemon.core.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a service that never became ready is told. */
class ProbeTimeoutExceptionTest {

    @Test
    void wholeSecondsAreSaidInSecondsAndTheRestInMilliseconds() {
        assertEquals("not ready within 2s (tcp 127.0.0.1:80)",
                new ProbeTimeoutException("tcp 127.0.0.1:80", Duration.ofSeconds(2)).getMessage());
        assertEquals("not ready within 1500ms (tcp 127.0.0.1:80)",
                new ProbeTimeoutException("tcp 127.0.0.1:80", Duration.ofMillis(1500)).getMessage());
        assertEquals("not ready within 60s (log /up/)",
                new ProbeTimeoutException("log /up/", Duration.ofMinutes(1)).getMessage());
    }

    @Test
    void keepsTheTimeoutItWasGiven() {
        assertEquals(Duration.ofMillis(1500), new ProbeTimeoutException("x", Duration.ofMillis(1500)).timeout());
    }
}
