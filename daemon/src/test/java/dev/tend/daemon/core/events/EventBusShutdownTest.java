package dev.tend.daemon.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** At shutdown daemon.stopping should reach peers before their connections close: the bus waits for delivery. */
class EventBusShutdownTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    /** Delivery that waits until the test lets it run, so events stay queued in between. */
    private static final class HeldDelivery extends RecordingSink.Direct {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable command) {
            held.add(command);
        }

        void runHeld() {
            List<Runnable> now;
            synchronized (this) {
                now = List.copyOf(held);
                held.clear();
            }
            now.forEach(Runnable::run);
        }
    }

    private static ServiceSnapshot svc() {
        return new ServiceSnapshot("demo", "web", ServiceState.RUNNING, 1, 0, null, null, null, T0, 0, 0, 0, null, true);
    }

    /** A sink that tells when someone asks whether it is writable: awaitSettled asks on each look. */
    private static final class WatchedSink implements EventSink {
        final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile CountDownLatch asked = new CountDownLatch(0);

        @Override
        public boolean writable() {
            asked.countDown();
            return true;
        }

        @Override
        public void send(Subscription subscription, Event event) {
            events.add(event);
        }
    }

    @Test
    void settlingWaitsUntilWhatIsQueuedWasHandedOver() throws Exception {
        HeldDelivery delivery = new HeldDelivery();
        try (EventBus bus = new EventBus(new BusLimits(8, 1 << 20), delivery)) {
            WatchedSink sink = new WatchedSink();
            bus.subscribe(new Object(), Topic.defaults(), EventFilter.NONE, sink).subscription().start();
            bus.daemonStopping("SIGTERM");
            assertFalse(bus.awaitSettled(Duration.ZERO), "daemon.stopping is still queued");

            sink.asked = new CountDownLatch(2);
            CompletableFuture<Boolean> settled = CompletableFuture.supplyAsync(() -> {
                try {
                    return bus.awaitSettled(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(sink.asked.await(30, TimeUnit.SECONDS), "awaitSettled looked twice: it is waiting");
            delivery.runHeld();
            assertTrue(settled.get(), "settled once delivered, within the time given");
            assertEquals(List.of(new Event.DaemonStopping(1, "SIGTERM")), sink.events);
        }
    }

    @Test
    void aCancelledSubscriptionHoldsNothingForItsSink() {
        HeldDelivery delivery = new HeldDelivery();
        try (EventBus bus = new EventBus(new BusLimits(8, 1 << 20), delivery)) {
            RecordingSink sink = new RecordingSink();
            Subscription sub = bus.subscribe(new Object(), Topic.defaults(), EventFilter.NONE, sink).subscription();
            sub.start();
            bus.serviceChanged(svc());
            assertFalse(sub.settled(), "one event queued for a writable sink");
            sub.cancel();
            assertTrue(sub.settled(), "cancelling drops what was queued");
            delivery.runHeld();
            assertTrue(sink.events().isEmpty());
        }
    }

    @Test
    void closingTheBusStopsItsDeliveryThreads() {
        RecordingSink.Direct delivery = new RecordingSink.Direct();
        EventBus bus = new EventBus(new BusLimits(8, 1 << 20), delivery);
        Subscription sub = bus.subscribe(new Object(), Topic.defaults(), EventFilter.NONE, new RecordingSink()).subscription();
        bus.close();
        assertTrue(delivery.isShutdown());
        assertTrue(sub.isCancelled());
    }
}
