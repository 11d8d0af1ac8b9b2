package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RmCommandTest {

    @Test
    void removedRefIsTheDaemonsAnswerWhateverFormTheNameWasGivenIn() {
        assertEquals("adhoc/x", RmCommand.removedRef(Map.of("removed", "adhoc/x"), "adhoc/x"));
        assertEquals("adhoc/x", RmCommand.removedRef(Map.of("removed", "adhoc/x"), "x"));
    }

    @Test
    void removedRefWithoutAnAnswerNamesTheProjectOnce() {
        assertEquals("adhoc/x", RmCommand.removedRef(null, "adhoc/x"));
        assertEquals("adhoc/x", RmCommand.removedRef(null, "x"));
    }
}
