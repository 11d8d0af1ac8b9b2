package dev.tend.daemon.core.process;

import dev.tend.daemon.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    private final MutableClock clock = new MutableClock(START);
    private final CpuSampler sampler = new CpuSampler(clock, START);

    @Test
    void firstSampleMeasuresFromTheProcessStart() {
        clock.advance(Duration.ofSeconds(4));

        assertEquals(25.0, sampler.sample(SECOND), 1e-9);
    }

    @Test
    void laterSamplesMeasureFromThePreviousOne() {
        clock.advance(Duration.ofSeconds(10));
        sampler.sample(SECOND);
        clock.advance(Duration.ofSeconds(2));

        assertEquals(50.0, sampler.sample(2 * SECOND), 1e-9);
    }

    @Test
    void severalBusyCoresExceedOneHundred() {
        clock.advance(Duration.ofSeconds(1));

        assertEquals(300.0, sampler.sample(3 * SECOND), 1e-9);
    }

    @Test
    void cpuTotalThatDropsWhenATreeMemberExitsCountsAsIdleThenResumes() {
        clock.advance(Duration.ofSeconds(1));
        sampler.sample(5 * SECOND);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0.0, sampler.sample(2 * SECOND), 1e-9);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(100.0, sampler.sample(3 * SECOND), 1e-9);
    }

    @Test
    void sampleWithoutElapsedTimeIsZeroAndKeepsTheBaseline() {
        assertEquals(0.0, sampler.sample(SECOND), 1e-9);
        clock.advance(Duration.ofSeconds(2));

        assertEquals(50.0, sampler.sample(SECOND), 1e-9);
    }
}
