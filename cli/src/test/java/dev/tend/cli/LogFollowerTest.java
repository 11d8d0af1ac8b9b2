package dev.tend.cli;

import org.junit.jupiter.api.Test;

import static dev.tend.cli.LogFollower.Step.PRINT;
import static dev.tend.cli.LogFollower.Step.READ;
import static dev.tend.cli.LogFollower.Step.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LogFollowerTest {
    private final LogFollower f = new LogFollower();

    @Test
    void anEventOfUnknownStartIsReadAfterWhatWasPrintedThenTheChainIsPrintedAsIs() {
        f.printed("demo/web", "100");
        assertEquals(READ, f.onEvent("demo/web", "150"), "it may begin before or after 100: ask the daemon");
        f.printed("demo/web", "150"); // the read reached exactly the event's end
        assertEquals(PRINT, f.onEvent("demo/web", "200"), "begins where the last event ended, which was printed");
        assertEquals("200", f.printedUpTo("demo/web"));
        assertEquals(PRINT, f.onEvent("demo/web", "260"));
    }

    @Test
    void eventsAlreadyCoveredByAReadAreSkippedAndTheNextOneChains() {
        f.printed("demo/web", "100");
        assertEquals(READ, f.onEvent("demo/web", "120"));
        f.printed("demo/web", "180"); // the read went further than the event
        assertEquals(READ, f.onEvent("demo/web", "150"), "150 < 180 is unknown to a token comparison: read");
        f.printed("demo/web", "180");
        assertEquals(SKIP, f.onEvent("demo/web", "180"), "ends exactly where printing ended: all printed");
        assertEquals(PRINT, f.onEvent("demo/web", "230"));
    }

    @Test
    void aNewSubscriptionBreaksTheChain() {
        f.printed("demo/web", "100");
        f.onEvent("demo/web", "100");
        assertEquals(PRINT, f.onEvent("demo/web", "130"));
        f.resubscribed();
        assertEquals(READ, f.onEvent("demo/web", "170"));
    }

    @Test
    void servicesAreFollowedIndependently() {
        f.printed("demo/web", "10");
        f.printed("demo/db", "20");
        assertEquals(SKIP, f.onEvent("demo/web", "10"));
        assertEquals(PRINT, f.onEvent("demo/web", "30"));
        assertEquals(READ, f.onEvent("demo/db", "40"));
    }
}
