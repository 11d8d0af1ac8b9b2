package dev.tend.daemon.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscriber's queue holds exactly up to its limits: one event more lags it, none less. */
class SubscriptionBoundsTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final long SERVICE_EVENT_WEIGHT = new Event.ServiceRemoved(1, "p", "s").weight();

    private static ServiceSnapshot svc() {
        return new ServiceSnapshot("demo", "web", ServiceState.RUNNING, 1, 0, null, null, null, T0, 0, 0, 0, null, true);
    }

    /** A started subscription whose sink takes nothing, so everything offered stays queued. */
    private static Subscription stuck(EventBus bus, RecordingSink sink) {
        sink.writable(false);
        Subscription sub = bus.subscribe(new Object(), Topic.defaults(), EventFilter.NONE, sink).subscription();
        sub.start();
        return sub;
    }

    @Test
    void aQueueHoldsExactlyMaxEventsAndTheNextOneLagsIt() {
        try (EventBus bus = new EventBus(new BusLimits(3, 1 << 20), new RecordingSink.Direct())) {
            RecordingSink sink = new RecordingSink();
            Subscription sub = stuck(bus, sink);
            for (int i = 0; i < 3; i++) {
                bus.serviceChanged(svc());
            }
            assertFalse(sub.isCancelled(), "three queued events fit a limit of three");
            assertEquals(1, bus.subscriberCount());
            bus.serviceChanged(svc());
            assertTrue(sub.isCancelled());
            assertEquals(0, bus.subscriberCount());
            assertEquals(List.of(new Event.Lagged(4)), sink.events(), "the three queued and the one that overflowed");
        }
    }

    @Test
    void aQueueHoldsExactlyMaxBytesAndOneEventMoreLagsIt() {
        try (EventBus bus = new EventBus(new BusLimits(100, 2 * SERVICE_EVENT_WEIGHT), new RecordingSink.Direct())) {
            RecordingSink sink = new RecordingSink();
            Subscription sub = stuck(bus, sink);
            bus.serviceChanged(svc());
            bus.serviceChanged(svc());
            assertFalse(sub.isCancelled(), "two events weighing exactly the byte limit fit");
            bus.serviceChanged(svc());
            assertTrue(sub.isCancelled());
            assertEquals(List.of(new Event.Lagged(3)), sink.events());
        }
    }

    @Test
    void whatTheSinkTookNoLongerCountsAgainstTheLimits() {
        try (EventBus bus = new EventBus(new BusLimits(2, 2 * SERVICE_EVENT_WEIGHT), new RecordingSink.Direct())) {
            RecordingSink sink = new RecordingSink();
            Subscription sub = bus.subscribe(new Object(), Topic.defaults(), EventFilter.NONE, sink).subscription();
            sub.start();
            for (int i = 0; i < 10; i++) {
                bus.serviceChanged(svc()); // each is handed over at once, so the queue never holds more than one
            }
            assertFalse(sub.isCancelled());
            assertEquals(10, sink.events().size());
            sink.writable(false);
            bus.serviceChanged(svc());
            bus.serviceChanged(svc());
            assertFalse(sub.isCancelled(), "the bytes of the ten delivered were given back");
        }
    }

    @Test
    void aUsageSampleCountsItsWeightAgainstTheByteBound() {
        long weight = 64 + 2 * 96; // a fixed part and 96 bytes per service
        for (long limit : new long[] {weight, weight - 1}) {
            try (EventBus bus = new EventBus(new BusLimits(100, limit), new RecordingSink.Direct())) {
                bus.serviceChanged(running("web"));
                bus.serviceChanged(running("api"));
                RecordingSink sink = new RecordingSink();
                sink.writable(false);
                Subscription sub = bus.subscribe(new Object(), java.util.EnumSet.of(Topic.USAGE), EventFilter.NONE, sink)
                        .subscription();
                sub.start();
                bus.usageSampled(List.of(usage("web"), usage("api")));
                assertEquals(limit < weight, sub.isCancelled(), "a sample of two services against a bound of " + limit);
            }
        }
    }

    private static dev.tend.daemon.core.ServiceUsage usage(String name) {
        return new dev.tend.daemon.core.ServiceUsage("demo", name, 1, 1, 1);
    }

    private static ServiceSnapshot running(String name) {
        return new ServiceSnapshot("demo", name, ServiceState.RUNNING, 1, 0, null, null, null, T0, 0, 0, 0, null, true);
    }
}
