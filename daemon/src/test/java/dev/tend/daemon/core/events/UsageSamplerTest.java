package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.ServiceUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageSamplerTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final EventBus bus = new EventBus(new BusLimits(64, 1 << 20), new RecordingSink.Direct());
    private final Object owner = new Object();
    private final HandTicker ticker = new HandTicker();
    private final List<ServiceUsage> nextSample = new ArrayList<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final UsageSampler sampler = UsageSampler.attach(() -> {
        samples.incrementAndGet();
        return List.copyOf(nextSample);
    }, bus, ticker, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        bus.close();
    }

    private static ServiceSnapshot svc(String project, String name, ServiceState state, long pid, long rss) {
        return new ServiceSnapshot(project, name, state, pid, 0, null, null, null, T0, 0, rss, 0, null, false);
    }

    private RecordingSink subscribe(Set<Topic> topics, EventFilter filter) {
        RecordingSink sink = new RecordingSink();
        bus.subscribe(owner, topics, filter, sink).subscription().start();
        return sink;
    }

    private static List<Event.ServiceUsage> usageEvents(RecordingSink sink) {
        return sink.events().stream().filter(e -> e instanceof Event.ServiceUsage).map(e -> (Event.ServiceUsage) e).toList();
    }

    @Test
    void nothingTicksUntilAUsageSubscriberCanSeeARunningService() {
        bus.seed(List.of(), List.of(svc("demo", "web", ServiceState.STOPPED, 0, 0)));
        subscribe(Topic.defaults(), EventFilter.NONE);
        assertFalse(sampler.ticking(), "the default topics do not ask for usage");

        RecordingSink usage = subscribe(EnumSet.of(Topic.USAGE), EventFilter.NONE);
        assertFalse(sampler.ticking(), "nothing runs: nothing to sample");

        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING, 42, 0));
        assertTrue(sampler.ticking());
        assertEquals(Duration.ofSeconds(2), ticker.period);

        bus.serviceChanged(svc("demo", "web", ServiceState.STOPPED, 0, 0));
        assertFalse(sampler.ticking(), "the last running service stopped");
        assertTrue(usage.events().isEmpty());
        assertEquals(0, samples.get());
    }

    @Test
    void theLastUsageSubscriberLeavingStopsTheTicking() {
        bus.seed(List.of(), List.of(svc("demo", "web", ServiceState.RUNNING, 42, 0)));
        RecordingSink sink = new RecordingSink();
        String id = bus.subscribe(owner, EnumSet.of(Topic.SERVICE, Topic.USAGE), EventFilter.NONE, sink).subscription().id();
        assertTrue(sampler.ticking());
        bus.unsubscribe(owner, id);
        assertFalse(sampler.ticking());
        assertEquals(1, ticker.cancelled);
    }

    @Test
    void aTickSendsEachUsageSubscriberOneNotificationOfTheServicesItsFilterSelects() {
        bus.seed(List.of(), List.of(svc("demo", "web", ServiceState.RUNNING, 42, 0), svc("shop", "db", ServiceState.READY, 43, 0)));
        RecordingSink demoOnly = subscribe(EnumSet.of(Topic.USAGE), new EventFilter("demo", Set.of()));
        RecordingSink everything = subscribe(EnumSet.of(Topic.USAGE, Topic.SERVICE), EventFilter.NONE);
        RecordingSink noUsage = subscribe(Topic.defaults(), EventFilter.NONE);
        ServiceUsage web = new ServiceUsage("demo", "web", 42, 12.5, 30L << 20);
        ServiceUsage db = new ServiceUsage("shop", "db", 43, 1.0, 80L << 20);
        nextSample.addAll(List.of(web, db));

        ticker.tick();

        assertEquals(List.of(new Event.ServiceUsage(List.of(web))), usageEvents(demoOnly));
        assertEquals(List.of(new Event.ServiceUsage(List.of(web, db))), usageEvents(everything));
        assertTrue(noUsage.events().isEmpty());
        assertEquals(List.of(), everything.seqs(), "a measurement takes no seq");
        assertEquals(0, bus.seq());
    }

    @Test
    void aNewSubscribersSnapshotCarriesTheLatestSample() {
        bus.seed(List.of(), List.of(svc("demo", "web", ServiceState.RUNNING, 42, 0)));
        subscribe(EnumSet.of(Topic.USAGE), EventFilter.NONE);
        nextSample.add(new ServiceUsage("demo", "web", 42, 12.5, 30L << 20));
        ticker.tick();

        ServiceSnapshot seen = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, new RecordingSink())
                .snapshot().services().get(0);
        assertEquals(12.5, seen.cpuPercent());
        assertEquals(30L << 20, seen.rssBytes());
    }

    @Test
    void aSampleOfARunThatAlreadyEndedIsDropped() {
        bus.seed(List.of(), List.of(svc("demo", "web", ServiceState.RUNNING, 42, 0)));
        RecordingSink sink = subscribe(EnumSet.of(Topic.USAGE, Topic.SERVICE), EventFilter.NONE);
        // Measured while pid 42 ran, handed over after its restart under pid 77 was published.
        nextSample.add(new ServiceUsage("demo", "web", 42, 99.0, 500L << 20));
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING, 77, 0));

        ticker.tick();

        assertTrue(usageEvents(sink).isEmpty());
        ServiceSnapshot seen = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, new RecordingSink())
                .snapshot().services().get(0);
        assertEquals(0, seen.rssBytes());
    }

    @Test
    void aFailingSampleKeepsTheTickingGoing() {
        EventBus other = new EventBus(new BusLimits(64, 1 << 20), new RecordingSink.Direct());
        HandTicker t = new HandTicker();
        UsageSampler failing = UsageSampler.attach(() -> {
            throw new IllegalStateException("no /proc");
        }, other, t, Duration.ofSeconds(2));
        other.seed(List.of(), List.of(svc("demo", "web", ServiceState.RUNNING, 42, 0)));
        other.subscribe(owner, EnumSet.of(Topic.USAGE), EventFilter.NONE, new RecordingSink()).subscription().start();
        t.tick();
        assertTrue(failing.ticking());
        other.close();
    }

    /** Ticks when the test says so. */
    private static final class HandTicker implements Ticker {
        Duration period;
        Runnable task;
        int cancelled;

        @Override
        public Runnable start(Duration period, Runnable tick) {
            this.period = period;
            this.task = tick;
            return () -> {
                cancelled++;
                task = null;
            };
        }

        void tick() {
            assertTrue(task != null, "the sampler is not ticking");
            task.run();
        }
    }
}
