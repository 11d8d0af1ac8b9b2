package dev.tend.daemon.core.events;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogPosition;
import dev.tend.daemon.core.logs.LogStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventBusTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final EventBus bus = new EventBus(new BusLimits(8, 1 << 20), new RecordingSink.Direct());
    private final Object owner = new Object();

    @AfterEach
    void close() {
        bus.close();
    }

    static ServiceSnapshot svc(String project, String name, ServiceState state) {
        return new ServiceSnapshot(project, name, state, 0, 0, null, null, null, T0, 0, 0, 0, null, false);
    }

    static JobSnapshot job(String project, String name) {
        JobSpec spec = new JobSpec(name, "@every 1h", "true", Path.of("/"), Map.of(), ZoneOffset.UTC, JobSpec.Overlap.SKIP);
        return new JobSnapshot(project, spec, 0, false, null, null, false);
    }

    private RecordingSink subscribeStarted(Set<Topic> topics, EventFilter filter) {
        RecordingSink sink = new RecordingSink();
        bus.subscribe(owner, topics, filter, sink).subscription().start();
        return sink;
    }

    @Test
    void snapshotHoldsTheStateAtItsSeqAndLaterEventsFollowInSeqOrder() {
        bus.seed(List.of(new ProjectInfo("demo", null, null, List.of("web"))), List.of(svc("demo", "web", ServiceState.STOPPED)));
        bus.serviceChanged(svc("demo", "web", ServiceState.STARTING));
        RecordingSink sink = new RecordingSink();
        EventBus.Subscribed s = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, sink);
        assertEquals(1, s.snapshot().seq());
        assertEquals(ServiceState.STARTING, s.snapshot().services().get(0).state());
        assertEquals("demo", s.snapshot().projects().get(0).name());
        s.subscription().start();
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        bus.projectChanged(new ProjectInfo("demo", null, null, List.of("web", "worker")));
        bus.serviceRemoved("demo", "web");
        assertEquals(List.of(2L, 3L, 4L), sink.seqs());
    }

    @Test
    void aPausedSubscriptionHoldsItsEventsUntilStarted() {
        RecordingSink sink = new RecordingSink();
        Subscription sub = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, sink).subscription();
        bus.serviceChanged(svc("demo", "web", ServiceState.STARTING));
        assertTrue(sink.events().isEmpty());
        sub.start();
        assertEquals(List.of(1L), sink.seqs());
    }

    @Test
    void eventsThatQueuedTogetherAreFlushedOnceAfterTheLast() {
        RecordingSink sink = new RecordingSink();
        Subscription sub = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, sink).subscription();
        bus.serviceChanged(svc("demo", "web", ServiceState.STARTING));
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        bus.serviceChanged(svc("demo", "web", ServiceState.READY));
        sub.start();
        assertEquals(List.of(1L, 2L, 3L), sink.seqs());
        assertEquals(1, sink.flushes());
        assertEquals(3, sink.flushedEvents());
        bus.serviceChanged(svc("demo", "web", ServiceState.STOPPING));
        assertEquals(2, sink.flushes());
        assertEquals(4, sink.flushedEvents());
    }

    @Test
    void whatASinkTookIsFlushedBeforeDeliveryWaitsForItToTakeMore() {
        RecordingSink sink = new RecordingSink().stopTakingAfter(2);
        Subscription sub = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, sink).subscription();
        LongStream.rangeClosed(1, 3).forEach(i -> bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING)));
        sub.start();
        assertEquals(List.of(1L, 2L), sink.seqs());
        assertEquals(2, sink.flushedEvents()); // else the connection would never drain and never become writable
        sink.writable(true);
        sub.wake();
        assertEquals(List.of(1L, 2L, 3L), sink.seqs());
        assertEquals(3, sink.flushedEvents());
    }

    @Test
    void bigEventsAreFlushedAsTheyGoSoTheConnectionSendsWhileTheNextIsPrepared() {
        RecordingSink sink = new RecordingSink();
        Subscription sub = bus.subscribe(owner, Set.of(Topic.LOG), EventFilter.NONE, sink).subscription();
        String text = "x".repeat((int) Subscription.FLUSH_BYTES / 2);
        for (int i = 0; i < 2; i++) {
            bus.logAppended("demo", "web", List.of(new LogLine(T0, LogStream.OUT, text)), new LogPosition("k", 0, i));
        }
        sub.start();
        assertEquals(2, sink.events().size());
        assertEquals(2, sink.flushes());
    }

    @Test
    void anEventOfExactlyTheFlushSizeIsFlushedBeforeTheNextIsSent() {
        RecordingSink sink = new RecordingSink();
        Subscription sub = bus.subscribe(owner, Set.of(Topic.LOG), EventFilter.NONE, sink).subscription();
        String text = "x".repeat((int) (Subscription.FLUSH_BYTES - 128 - 64) / 2);
        List<LogLine> lines = List.of(new LogLine(T0, LogStream.OUT, text));
        // an event weighs 128, and 64 + 2 per char for each line: together exactly the flush size
        assertEquals(Subscription.FLUSH_BYTES, new Event.LogAppended("demo", "web", lines, LogPosition.START).weight());
        for (int i = 0; i < 2; i++) {
            bus.logAppended("demo", "web", lines, new LogPosition("k", 0, i));
        }
        sub.start();
        assertEquals(2, sink.events().size());
        assertEquals(2, sink.flushes(), "each reached the flush size on its own");
    }

    @Test
    void filterSelectsProjectAndServicesAndTopicsSelectKinds() {
        RecordingSink demoOnly = subscribeStarted(Topic.defaults(), new EventFilter("demo", Set.of()));
        RecordingSink webLogs = subscribeStarted(EnumSet.of(Topic.LOG), new EventFilter(null, Set.of("demo/web")));
        RecordingSink everything = subscribeStarted(Topic.defaults(), EventFilter.NONE);
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        bus.serviceChanged(svc("other", "web", ServiceState.RUNNING));
        bus.jobChanged(job("other", "backup"));
        bus.logAppended("demo", "web", List.of(new LogLine(T0, LogStream.OUT, "hi")), LogPosition.START);
        bus.logAppended("demo", "worker", List.of(new LogLine(T0, LogStream.OUT, "no")), LogPosition.START);
        assertEquals(List.of(1L), demoOnly.seqs());
        assertEquals(1, demoOnly.events().size(), "logs only when asked for");
        assertEquals(List.of(1L, 2L, 3L), everything.seqs());
        assertEquals(1, webLogs.events().size());
        Event.LogAppended log = assertInstanceOf(Event.LogAppended.class, webLogs.events().get(0));
        assertEquals("hi", log.lines().get(0).text());
        assertTrue(bus.wantsLogs("demo", "web"));
        assertFalse(bus.wantsLogs("demo", "worker"));
    }

    @Test
    void aSubscriberThatCannotKeepUpIsLaggedAndCancelledWhileOthersGetEverything() {
        RecordingSink slow = new RecordingSink();
        slow.writable(false);
        Subscription slowSub = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, slow).subscription();
        slowSub.start();
        RecordingSink fast = subscribeStarted(Topic.defaults(), EventFilter.NONE);
        for (int i = 0; i < 20; i++) {
            bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        }
        // Only the small, final Lagged goes to a sink that is not writable: 8 queued plus the one that overflowed.
        assertEquals(List.of(new Event.Lagged(9)), slow.events());
        slow.writable(true);
        slowSub.wake();
        assertEquals(1, slow.events().size(), "the backlog was dropped");
        assertTrue(slowSub.isCancelled());
        assertEquals(1, bus.subscriberCount());
        assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), fast.seqs());
    }

    @Test
    void bigLogEventsLagASubscriberByBytesBeforeItsEventCountIsReached() {
        EventBus small = new EventBus(new BusLimits(1000, 10_000), new RecordingSink.Direct());
        RecordingSink slow = new RecordingSink();
        slow.writable(false);
        Subscription sub = small.subscribe(owner, EnumSet.of(Topic.LOG), EventFilter.NONE, slow).subscription();
        sub.start();
        List<LogLine> lines = List.of(new LogLine(T0, LogStream.OUT, "x".repeat(2000)));
        for (int i = 0; i < 3; i++) {
            small.logAppended("demo", "web", lines, LogPosition.START);
        }
        assertTrue(sub.isCancelled());
        assertEquals(List.of(new Event.Lagged(3)), slow.events());
        small.close();
    }

    @Test
    void aProjectFilterKeepsOtherProjectsOutOfTheSnapshotTheServiceListAndRemovals() {
        bus.seed(List.of(new ProjectInfo("demo", null, null, List.of("web")), new ProjectInfo("other", null, null, List.of("db"))),
                List.of(svc("demo", "web", ServiceState.RUNNING), svc("other", "db", ServiceState.RUNNING)));
        EventFilter demo = new EventFilter("demo", Set.of());
        RecordingSink sink = new RecordingSink();
        EventBus.Subscribed s = bus.subscribe(owner, Topic.defaults(), demo, sink);
        s.subscription().start();

        assertEquals(List.of("demo"), s.snapshot().projects().stream().map(ProjectInfo::name).toList());
        assertEquals(List.of("web"), s.snapshot().services().stream().map(ServiceSnapshot::name).toList());
        assertEquals(List.of("web"), bus.services(demo).stream().map(ServiceSnapshot::name).toList());
        bus.serviceRemoved("other", "db");
        bus.projectRemoved("other");
        assertTrue(sink.events().isEmpty(), "other's removals are not demo's business");
        bus.serviceRemoved("demo", "web");
        assertEquals(List.of(new Event.ServiceRemoved(3, "demo", "web")), sink.events());
    }

    @Test
    void daemonStoppingReachesEverySubscriberWhateverItsTopicsWithTheNextSeq() {
        RecordingSink logsOnly = subscribeStarted(EnumSet.of(Topic.LOG), new EventFilter("demo", Set.of("demo/web")));
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        bus.daemonStopping("SIGTERM");
        assertEquals(List.of(new Event.DaemonStopping(2, "SIGTERM")), logsOnly.events());
        assertEquals(2, bus.seq());
    }

    @Test
    void onlyTheOwnerCanUnsubscribeAndThenNothingMoreArrives() {
        RecordingSink sink = new RecordingSink();
        Subscription sub = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, sink).subscription();
        sub.start();
        assertFalse(bus.unsubscribe(new Object(), sub.id()));
        assertFalse(bus.unsubscribe(owner, "sub-999"));
        assertTrue(bus.unsubscribe(owner, sub.id()));
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        assertTrue(sink.events().isEmpty());
        assertEquals(0, bus.subscriberCount());
    }

    @Test
    void jobsShareTheSeqAndAppearInSnapshotsOfTheirProject() {
        bus.serviceChanged(svc("demo", "web", ServiceState.RUNNING));
        bus.jobChanged(job("demo", "backup"));
        bus.jobChanged(job("other", "sync"));
        EventBus.Subscribed s = bus.subscribe(owner, Topic.defaults(), new EventFilter("demo", Set.of()), new RecordingSink());
        assertEquals(3, s.snapshot().seq());
        assertEquals(List.of(job("demo", "backup")), s.snapshot().jobs());
    }

    @Test
    void aRemovedJobIsAnnouncedWithTheNextSeqAndLeavesTheSnapshot() {
        bus.jobChanged(job("demo", "backup"));
        RecordingSink demo = subscribeStarted(Topic.defaults(), new EventFilter("demo", Set.of()));
        RecordingSink other = subscribeStarted(Topic.defaults(), new EventFilter("other", Set.of()));

        bus.jobRemoved("demo", "backup");

        assertEquals(List.of(2L), demo.seqs());
        Event.JobRemoved removed = assertInstanceOf(Event.JobRemoved.class, demo.events().get(0));
        assertEquals("demo", removed.project());
        assertEquals("backup", removed.name());
        assertTrue(other.events().isEmpty(), "another project's subscriber does not hear of it");
        EventBus.Subscribed s = bus.subscribe(owner, Topic.defaults(), EventFilter.NONE, new RecordingSink());
        assertEquals(2, s.snapshot().seq());
        assertEquals(List.of(), s.snapshot().jobs());
    }
}
