package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventBusConcurrencyTest {

    /** Subscribers join while a publisher changes services as fast as it can; each must be able to rebuild the end state. */
    @Test
    void snapshotPlusStreamHasNoGapAndNoDuplicateUnderConcurrentChanges() throws Exception {
        EventBus bus = new EventBus(new BusLimits(1_000_000, 1L << 30));
        int changes = 20_000;
        ServiceState[] states = ServiceState.values();
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < changes; i++) {
                bus.serviceChanged(EventBusTest.svc("demo", "s" + (i % 7), states[i % states.length]));
            }
        });
        List<EventBus.Subscribed> subs = new ArrayList<>();
        List<RecordingSink> sinks = new ArrayList<>();
        publisher.start();
        for (int i = 0; i < 50; i++) {
            RecordingSink sink = new RecordingSink();
            EventBus.Subscribed s = bus.subscribe(this, Topic.defaults(), EventFilter.NONE, sink);
            s.subscription().start();
            subs.add(s);
            sinks.add(sink);
            Thread.sleep(0, 200_000);
        }
        publisher.join();
        assertTrue(bus.awaitSettled(java.time.Duration.ofSeconds(30)));
        Map<String, ServiceState> truth = state(bus.services(EventFilter.NONE));
        for (int i = 0; i < subs.size(); i++) {
            Snapshot snap = subs.get(i).snapshot();
            List<Long> seqs = sinks.get(i).seqs();
            for (int k = 0; k < seqs.size(); k++) {
                assertEquals(snap.seq() + 1 + k, seqs.get(k), "subscriber " + i + ": events follow the snapshot with no gap");
            }
            assertEquals(changes, snap.seq() + seqs.size(), "subscriber " + i + " heard of every change after its snapshot");
            Map<String, ServiceState> rebuilt = state(snap.services());
            for (Event e : sinks.get(i).events()) {
                ServiceSnapshot s = ((Event.ServiceChanged) e).service();
                rebuilt.put(s.name(), s.state());
            }
            assertEquals(truth, rebuilt);
        }
        bus.close();
        assertEquals(0, bus.subscriberCount());
    }

    private static Map<String, ServiceState> state(List<ServiceSnapshot> list) {
        Map<String, ServiceState> m = new HashMap<>();
        list.forEach(s -> m.put(s.name(), s.state()));
        return m;
    }
}
