package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscribers of the usage topic get the running services' CPU and memory live, over the real socket. */
class UsageEventsIT {
    private static final long WAIT = 30_000;
    private TendHome tend;

    @BeforeEach
    void start() throws Exception {
        tend = new TendHome();
        TendHome.Result r = tend.tend("run", "--name", "w", "--", "sleep", "1000");
        assertEquals(0, r.exit(), r::toString);
    }

    @AfterEach
    void stop() throws Exception {
        tend.close();
    }

    private static Map<?, ?> params(Map<?, ?> notification) {
        return (Map<?, ?>) notification.get("params");
    }

    /** The entry for adhoc/w in the next service.usage, skipping other notifications. */
    private static Map<?, ?> nextUsageOfW(EventPeer sub) throws Exception {
        while (true) {
            Map<?, ?> n = sub.next(WAIT);
            assertNotNull(n, "no service.usage came");
            if ("service.usage".equals(n.get("method"))) {
                assertNull(params(n).get("seq"), "a measurement carries no seq: " + n);
                for (Object o : (List<?>) params(n).get("services")) {
                    Map<?, ?> u = (Map<?, ?>) o;
                    if ("adhoc".equals(u.get("project")) && "w".equals(u.get("name"))) {
                        return u;
                    }
                }
            }
        }
    }

    @Test
    void aUsageSubscriberGetsTheMemoryOfARunningServiceAndASnapshotCarriesIt() throws Exception {
        try (EventPeer sub = new EventPeer(tend.socket(), "{\"topics\":[\"service\",\"usage\"]}")) {
            Map<?, ?> usage = nextUsageOfW(sub);
            assertTrue(((Number) usage.get("rssBytes")).longValue() > 0, "a running sleep has resident memory: " + usage);
            assertTrue(((Number) usage.get("cpuPercent")).doubleValue() >= 0, usage.toString());

            try (EventPeer late = new EventPeer(tend.socket(), "{\"topics\":[\"service\"]}")) {
                Map<?, ?> w = serviceIn(late.result, "w");
                assertTrue(((Number) w.get("rssBytes")).longValue() > 0, "the snapshot carries the latest sample: " + w);
            }
        }
    }

    @Test
    void aStoppedServiceReportsNoMemoryAndDefaultSubscribersGetNoUsage() throws Exception {
        try (EventPeer plain = new EventPeer(tend.socket(), "{}");
             EventPeer sub = new EventPeer(tend.socket(), "{\"topics\":[\"service\",\"usage\"]}")) {
            nextUsageOfW(sub);
            nextUsageOfW(sub); // a second sample: the plain subscriber would have been offered two by now
            assertEquals(0, tend.tend("stop", "adhoc/w").exit());

            Map<?, ?> stopped = null;
            while (stopped == null) {
                Map<?, ?> n = plain.next(WAIT);
                assertNotNull(n, "no stopped event");
                assertFalse("service.usage".equals(n.get("method")), "default topics carry no usage: " + n);
                Map<?, ?> s = (Map<?, ?>) params(n).get("service");
                if (s != null && "stopped".equals(s.get("state"))) {
                    stopped = s;
                }
            }
            assertEquals(0L, ((Number) stopped.get("rssBytes")).longValue(), stopped.toString());
            assertEquals(0.0, ((Number) stopped.get("cpuPercent")).doubleValue(), stopped.toString());
        }
        try (EventPeer after = new EventPeer(tend.socket(), "{}")) {
            assertEquals(0L, ((Number) serviceIn(after.result, "w").get("rssBytes")).longValue());
        }
    }

    private static Map<?, ?> serviceIn(Map<?, ?> subscribeResult, String name) {
        for (Object o : (List<?>) ((Map<?, ?>) subscribeResult.get("snapshot")).get("services")) {
            if (name.equals(((Map<?, ?>) o).get("name"))) {
                return (Map<?, ?>) o;
            }
        }
        throw new AssertionError("no " + name + " in " + subscribeResult);
    }
}
