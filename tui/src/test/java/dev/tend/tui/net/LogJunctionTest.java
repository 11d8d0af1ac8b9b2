package dev.tend.tui.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogJunctionTest {
    @Test
    void eventAlreadyInTheTailIsSkippedAndItsSuccessorShown() {
        LogJunction j = new LogJunction();
        j.shown("shop/api", "p20");
        // subscribed at p10: events for 10..15 and 15..20 were queued while the tail (up to 20) was read
        assertEquals(LogJunction.Step.READ, j.onEvent("shop/api", "p15"));
        j.shown("shop/api", "p20"); // the read after p20 found nothing new
        assertEquals(LogJunction.Step.SKIP, j.onEvent("shop/api", "p20"));
        assertEquals(LogJunction.Step.SHOW, j.onEvent("shop/api", "p25"));
        assertEquals("p25", j.shownUpTo("shop/api"));
        assertEquals(LogJunction.Step.SHOW, j.onEvent("shop/api", "p30"));
    }

    @Test
    void eventThatDoesNotContinueWhatIsShownIsRead() {
        LogJunction j = new LogJunction();
        j.shown("shop/api", "p20");
        assertEquals(LogJunction.Step.READ, j.onEvent("shop/api", "p40"));
        j.shown("shop/api", "p40");
        assertEquals(LogJunction.Step.SHOW, j.onEvent("shop/api", "p41"));
    }

    @Test
    void servicesAreTrackedApart() {
        LogJunction j = new LogJunction();
        j.shown("shop/api", "a5");
        assertEquals(LogJunction.Step.SHOW, j.onEvent("shop/db", "d9"), "nothing shown of db yet: show it");
        assertEquals(LogJunction.Step.SKIP, j.onEvent("shop/api", "a5"));
    }
}
