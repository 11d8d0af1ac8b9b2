package dev.tend.daemon.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.ProjectInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    @Test
    void aServiceListSelectsOnlyTheProjectsThatHoldThoseServices() {
        EventFilter filter = new EventFilter(null, Set.of("demo/web", "shop/db"));
        assertTrue(filter.project("demo"));
        assertTrue(filter.project("shop"));
        assertFalse(filter.project("other"));
        assertFalse(filter.project("dem"), "a prefix of a project's name is another project");
        assertFalse(filter.project("demo/web"), "a service ref is not a project name");
    }

    @Test
    void aProjectFilterSelectsThatProjectOnly() {
        EventFilter filter = new EventFilter("demo", Set.of());
        assertTrue(filter.project("demo"));
        assertFalse(filter.project("other"));
        assertTrue(filter.service("demo", "web"));
        assertFalse(filter.service("other", "web"));
        assertTrue(filter.job("demo"));
        assertFalse(filter.job("other"));
    }

    @Test
    void aProjectAndAServiceOfAnotherProjectSelectNothing() {
        EventFilter filter = new EventFilter("demo", Set.of("shop/db"));
        assertFalse(filter.project("demo"));
        assertFalse(filter.project("shop"));
        assertFalse(filter.service("shop", "db"));
        assertFalse(filter.service("demo", "db"));
    }

    @Test
    void aReplicatedServicesRefCoversEachCopyNowAndLaterButACopysRefOnlyItself() {
        EventFilter group = new EventFilter(null, Set.of("demo/api"));
        assertTrue(group.service("demo", "api"));
        assertTrue(group.service("demo", "api#1"));
        assertTrue(group.service("demo", "api#17"), "a copy a later scale adds");
        assertFalse(group.service("shop", "api#1"), "the same name in another project");
        assertFalse(group.service("demo", "apix#1"), "a group whose name starts alike");
        EventFilter copy = new EventFilter(null, Set.of("demo/api#2"));
        assertTrue(copy.service("demo", "api#2"));
        assertFalse(copy.service("demo", "api#1"));
        assertFalse(copy.service("demo", "api"));
        assertFalse(new EventFilter("shop", Set.of("demo/api")).service("demo", "api#1"), "the project filter holds");
    }

    @Test
    void noFilterSelectsEverything() {
        assertTrue(EventFilter.NONE.project("any"));
        assertTrue(EventFilter.NONE.service("any", "thing"));
        assertTrue(EventFilter.NONE.job("any"));
    }

    @Test
    void aSubscriberOfOneServiceGetsOnlyItsProjectInTheSnapshotAndInEvents() {
        try (EventBus bus = new EventBus(new BusLimits(8, 1 << 20), new RecordingSink.Direct())) {
            bus.seed(List.of(new ProjectInfo("demo", null, null, List.of("web")),
                    new ProjectInfo("shop", null, null, List.of("db"))), List.of());
            RecordingSink sink = new RecordingSink();
            EventBus.Subscribed s = bus.subscribe(new Object(), Topic.defaults(),
                    new EventFilter(null, Set.of("demo/web")), sink);
            s.subscription().start();
            assertEquals(List.of("demo"), s.snapshot().projects().stream().map(ProjectInfo::name).toList());
            bus.projectChanged(new ProjectInfo("shop", null, null, List.of("db", "cache")));
            bus.projectRemoved("shop");
            bus.projectRemoved("demo");
            assertEquals(List.of(new Event.ProjectRemoved(3, "demo")), sink.events());
        }
    }
}
