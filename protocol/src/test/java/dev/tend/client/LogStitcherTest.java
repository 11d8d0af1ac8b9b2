package dev.tend.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static dev.tend.client.LogStitcher.Step.DELIVER;
import static dev.tend.client.LogStitcher.Step.READ;
import static dev.tend.client.LogStitcher.Step.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LogStitcherTest {
    /** logs.read pages the daemon would answer, in order; each read records the position it was asked after. */
    private final Deque<Map<String, Object>> pages = new ArrayDeque<>();
    private final List<String> readsAfter = new ArrayList<>();
    private final List<String> delivered = new ArrayList<>();
    private final LogStitcher s = new LogStitcher((service, after) -> {
        readsAfter.add(service + "@" + after);
        return pages.removeFirst();
    }, (service, lines, gap) -> {
        if (gap) {
            delivered.add("(gap)");
        }
        lines.forEach(l -> delivered.add(service + ":" + l));
    });

    private static Map<String, Object> event(String next, String... lines) {
        return Map.of("project", "demo", "service", "web", "next", next, "lines", List.of((Object[]) lines));
    }

    private static Map<String, Object> page(String next, boolean more, String... lines) {
        return Map.of("next", next, "more", more, "lines", List.of((Object[]) lines));
    }

    @Test
    void anEventOfUnknownStartIsReadAfterWhatWasDeliveredThenTheChainIsDeliveredAsIs() {
        s.delivered("demo/web", "100");
        assertEquals(READ, s.onEvent("demo/web", "150"), "it may begin before or after 100: ask the daemon");
        s.delivered("demo/web", "150"); // the read reached exactly the event's end
        assertEquals(DELIVER, s.onEvent("demo/web", "200"), "begins where the last event ended, which was delivered");
        assertEquals("200", s.deliveredUpTo("demo/web"));
        assertEquals(DELIVER, s.onEvent("demo/web", "260"));
    }

    @Test
    void eventsAlreadyCoveredByAReadAreSkippedAndTheNextOneChains() {
        s.delivered("demo/web", "100");
        assertEquals(READ, s.onEvent("demo/web", "120"));
        s.delivered("demo/web", "180"); // the read went further than the event
        assertEquals(READ, s.onEvent("demo/web", "150"), "150 < 180 is unknown to a token comparison: read");
        s.delivered("demo/web", "180");
        assertEquals(SKIP, s.onEvent("demo/web", "180"), "ends exactly where delivery ended: all delivered");
        assertEquals(DELIVER, s.onEvent("demo/web", "230"));
    }

    @Test
    void aNewSubscriptionBreaksTheChain() {
        s.delivered("demo/web", "100");
        s.onEvent("demo/web", "100");
        assertEquals(DELIVER, s.onEvent("demo/web", "130"));
        s.resubscribed();
        assertEquals(READ, s.onEvent("demo/web", "170"));
    }

    @Test
    void servicesAreFollowedIndependently() {
        s.delivered("demo/web", "10");
        assertEquals(DELIVER, s.onEvent("demo/db", "d9"), "nothing delivered of db yet: deliver it");
        assertEquals(SKIP, s.onEvent("demo/web", "10"));
        assertEquals(DELIVER, s.onEvent("demo/web", "30"));
    }

    @Test
    void catchUpReadsPageAfterPageFromWhereDeliveryEndedAndReportsAGap() throws Exception {
        s.delivered("demo/web", "p1");
        pages.add(Map.of("next", "p2", "more", true, "gap", true, "lines", List.of("b")));
        pages.add(page("p3", false, "c"));
        s.catchUp("demo/web");
        assertEquals(List.of("demo/web@p1", "demo/web@p2"), readsAfter);
        assertEquals(List.of("(gap)", "demo/web:b", "demo/web:c"), delivered);
        assertEquals("p3", s.deliveredUpTo("demo/web"));
    }

    @Test
    void appendedDeliversAChainedEventReadsAnUnknownOneAndDropsARepeat() throws Exception {
        s.delivered("demo/web", "p2");
        pages.add(page("p4", false, "c", "d"));
        s.appended(event("p3", "c")); // may start anywhere: read after p2, which also brings d
        s.appended(event("p4", "d")); // ends where the read ended: a repeat
        s.appended(event("p5", "e")); // starts where the last event ended
        assertEquals(List.of("demo/web@p2"), readsAfter);
        assertEquals(List.of("demo/web:c", "demo/web:d", "demo/web:e"), delivered);
    }
}
