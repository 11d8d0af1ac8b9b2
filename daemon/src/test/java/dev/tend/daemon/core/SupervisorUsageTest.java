package dev.tend.daemon.core;

import dev.tend.daemon.testing.MutableClock;
import dev.tend.daemon.store.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Usage samples: CPU from deltas of the tree's CPU time over the injected clock, memory as measured, 0 once stopped. */
class SupervisorUsageTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong rss = new AtomicLong();
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir, SqliteStore.open(dir.resolve("tend.db")), real -> new UsageControl(real, cpuNanos::get, rss::get), clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void sampleUsageGivesCpuSinceThePreviousSampleAndTheTreesMemory() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long pid = h.track(h.sup.snapshot("p").services().get(0).pid());

        cpuNanos.set(Duration.ofSeconds(1).toNanos());
        rss.set(30 * MIB);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of(new ServiceUsage("p", "web", pid, 50.0, 30 * MIB)), h.sup.sampleUsage());

        cpuNanos.set(Duration.ofMillis(2500).toNanos());
        rss.set(31 * MIB);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(new ServiceUsage("p", "web", pid, 150.0, 31 * MIB)), h.sup.sampleUsage());
        ServiceSnapshot running = h.sup.snapshot("p").services().get(0);
        assertEquals(150.0, running.cpuPercent(), "the snapshot carries the latest sample");
        assertEquals(31 * MIB, running.rssBytes());
    }

    @Test
    void aStoppedServiceUsesNothingAndIsNotSampled() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        h.track(h.sup.snapshot("p").services().get(0).pid());
        cpuNanos.set(Duration.ofSeconds(1).toNanos());
        rss.set(30 * MIB);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, h.sup.sampleUsage().size());

        h.sup.stop("p", "web").get(20, TimeUnit.SECONDS);
        ServiceSnapshot stopped = h.sup.snapshot("p").services().get(0);
        assertEquals(ServiceState.STOPPED, stopped.state());
        assertEquals(0.0, stopped.cpuPercent());
        assertEquals(0, stopped.rssBytes(), "no stale memory of the ended run");
        assertEquals(List.of(), h.sup.sampleUsage());
        // listeners hear of a change after the lock is released: the stopped event may follow the stop's future
        Harness.awaitTrue(() -> h.timeline.lastIndexOf("state:web:stopped") > h.timeline.indexOf("state:web:stopping"),
                "the stopped event");
        ServiceSnapshot lastEvent = h.eventsOf("web").get(h.eventsOf("web").size() - 1);
        assertEquals(ServiceState.STOPPED, lastEvent.state());
        assertEquals(0, lastEvent.rssBytes(), "the stopped event carries no usage either");
    }
}
