package dev.tend.daemon.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.ServiceUsage;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whether log lines and usage samples are worth producing: only while some subscriber would hear of them. */
class EventBusDemandTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final EventBus bus = new EventBus(new BusLimits(8, 1 << 20), new RecordingSink.Direct());
    private final Object owner = new Object();

    @AfterEach
    void close() {
        bus.close();
    }

    private static ServiceSnapshot running(String project, String name, long pid) {
        return new ServiceSnapshot(project, name, pid > 0 ? ServiceState.RUNNING : ServiceState.STOPPED, pid, 0, null,
                null, null, T0, 0, 0, 0, null, pid > 0);
    }

    private Subscription subscribe(Set<Topic> topics, EventFilter filter) {
        Subscription sub = bus.subscribe(owner, topics, filter, new RecordingSink()).subscription();
        sub.start();
        return sub;
    }

    @Test
    void nobodyWantsLogsWithoutALogSubscriberOfThatService() {
        assertFalse(bus.wantsLogs("demo", "web"), "no subscriber at all");
        subscribe(EnumSet.of(Topic.SERVICE, Topic.JOB, Topic.USAGE), EventFilter.NONE);
        assertFalse(bus.wantsLogs("demo", "web"), "a subscriber of everything but logs");
        Subscription webLogs = subscribe(EnumSet.of(Topic.LOG), new EventFilter(null, Set.of("demo/web")));
        assertFalse(bus.wantsLogs("demo", "worker"), "a log subscriber of another service");
        assertTrue(bus.wantsLogs("demo", "web"));
        assertTrue(bus.unsubscribe(owner, webLogs.id()));
        assertFalse(bus.wantsLogs("demo", "web"), "the log subscriber went");
    }

    @Test
    void usageIsWantedOnlyByAUsageSubscriberOfARunningService() {
        bus.serviceChanged(running("demo", "web", 0));
        bus.serviceChanged(running("other", "db", 4242));
        assertFalse(bus.wantsUsage(), "no subscriber at all");

        subscribe(EnumSet.of(Topic.SERVICE, Topic.LOG, Topic.JOB), EventFilter.NONE);
        assertFalse(bus.wantsUsage(), "a subscriber of everything but usage");

        subscribe(EnumSet.of(Topic.USAGE), new EventFilter("demo", Set.of()));
        assertFalse(bus.wantsUsage(), "demo's only service is stopped; the running one is another project's");

        bus.serviceChanged(running("demo", "web", 1234));
        assertTrue(bus.wantsUsage(), "demo/web runs now");

        bus.serviceChanged(running("demo", "web", 0));
        assertFalse(bus.wantsUsage(), "and stopped again");
    }

    @Test
    void aUsageSubscriberHearsOfEveryRunningServiceItsFilterSelects() {
        bus.serviceChanged(running("demo", "web", 1234));
        subscribe(EnumSet.of(Topic.USAGE), new EventFilter(null, Set.of("demo/web")));
        assertTrue(bus.wantsUsage());
    }

    @Test
    void theUsageDemandListenerHearsOfSubscriptionsAndServiceChanges() {
        AtomicInteger calls = new AtomicInteger();
        bus.onUsageDemand(calls::incrementAndGet);
        Subscription sub = subscribe(EnumSet.of(Topic.USAGE), EventFilter.NONE);
        assertEquals(1, calls.get(), "a subscription came");
        bus.serviceChanged(running("demo", "web", 1234));
        assertEquals(2, calls.get(), "a service started");
        bus.serviceRemoved("demo", "web");
        assertEquals(3, calls.get(), "a service went");
        bus.unsubscribe(owner, sub.id());
        assertEquals(4, calls.get(), "the subscription went");
    }

    @Test
    void aUsageSampleReachesOnlyUsageSubscribersAndOnlyForTheCurrentRun() {
        bus.serviceChanged(running("demo", "web", 1234));
        RecordingSink usage = new RecordingSink();
        bus.subscribe(owner, EnumSet.of(Topic.USAGE), EventFilter.NONE, usage).subscription().start();
        RecordingSink services = new RecordingSink();
        bus.subscribe(owner, EnumSet.of(Topic.SERVICE), EventFilter.NONE, services).subscription().start();

        bus.usageSampled(List.of(new ServiceUsage("demo", "web", 1234, 12.5, 4096),
                new ServiceUsage("demo", "web-old-run", 999, 1, 1)));
        bus.usageSampled(List.of(new ServiceUsage("demo", "web", 77, 50, 8192))); // a run that already ended

        assertEquals(List.of(new Event.ServiceUsage(List.of(new ServiceUsage("demo", "web", 1234, 12.5, 4096)))),
                usage.events());
        assertTrue(services.events().isEmpty());
        ServiceSnapshot now = bus.services(EventFilter.NONE).get(0);
        assertEquals(12.5, now.cpuPercent());
        assertEquals(4096, now.rssBytes());
    }

    @Test
    void aSampleOfAStoppedServiceIsDroppedEvenIfItsPidIsTheStoppedServicesZero() {
        bus.serviceChanged(running("demo", "web", 0));
        RecordingSink usage = new RecordingSink();
        bus.subscribe(owner, EnumSet.of(Topic.USAGE), EventFilter.NONE, usage).subscription().start();

        bus.usageSampled(List.of(new ServiceUsage("demo", "web", 0, 50, 8192)));

        assertTrue(usage.events().isEmpty(), "a stopped service has no usage to report");
        assertEquals(0, bus.services(EventFilter.NONE).get(0).rssBytes());
    }

    @Test
    void aUsageSubscriberWhoseFilterSelectsNoneOfTheSampleHearsNothing() {
        bus.serviceChanged(running("demo", "web", 1234));
        RecordingSink other = new RecordingSink();
        bus.subscribe(owner, EnumSet.of(Topic.USAGE), new EventFilter("other", Set.of()), other).subscription().start();

        bus.usageSampled(List.of(new ServiceUsage("demo", "web", 1234, 1, 1)));

        assertTrue(other.events().isEmpty(), "no empty service.usage");
    }

    @Test
    void aUsageSubscriberThatCannotKeepUpIsLaggedAndForgottenWhileOthersGoOn() {
        try (EventBus small = new EventBus(new BusLimits(1, 1 << 20), new RecordingSink.Direct())) {
            small.serviceChanged(running("demo", "web", 1234));
            RecordingSink slow = new RecordingSink();
            slow.writable(false);
            Subscription slowSub = small.subscribe(owner, EnumSet.of(Topic.USAGE), EventFilter.NONE, slow).subscription();
            slowSub.start();
            RecordingSink fast = new RecordingSink();
            small.subscribe(owner, EnumSet.of(Topic.USAGE), EventFilter.NONE, fast).subscription().start();
            List<ServiceUsage> sample = List.of(new ServiceUsage("demo", "web", 1234, 1, 1));

            small.usageSampled(sample);
            assertFalse(slowSub.isCancelled(), "one sample fits a queue of one");
            small.usageSampled(sample);

            assertTrue(slowSub.isCancelled());
            assertEquals(List.of(new Event.Lagged(2)), slow.events());
            assertEquals(1, small.subscriberCount(), "the lagged one is forgotten, the other stays");
            small.usageSampled(sample);
            assertEquals(3, fast.events().size());
        }
    }
}
