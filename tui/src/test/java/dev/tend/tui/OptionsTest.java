package dev.tend.tui;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    @Test
    void acceptsTheLaunchersWholeArgumentList() {
        Options o = Options.parse(List.of("--instance", "work", "tui", "--project", "shop"));
        assertEquals(new Options("shop", false, "work", false, false), o);
        assertEquals(new Options(null, true, "x", false, false), Options.parse(List.of("tui", "-a", "--instance=x")));
        assertTrue(Options.parse(List.of("tui", "--help")).help());
    }

    @Test
    void noColorOptionOrANonEmptyNoColorVariableTurnColoursOff() {
        Options plain = Options.parse(List.of("tui"));
        assertTrue(plain.colors(null));
        assertTrue(plain.colors(""), "NO_COLOR set to nothing does not count (no-color.org)");
        assertFalse(plain.colors("1"));
        Options noColor = Options.parse(List.of("--no-color", "tui"));
        assertTrue(noColor.noColor());
        assertFalse(noColor.colors(null));
        assertFalse(Options.parse(List.of("tui", "--no-color")).colors(null));
    }

    @Test
    void badArgumentsSayWhatWasWrong() {
        assertEquals("unknown argument '--bogus'",
                assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("tui", "--bogus"))).getMessage());
        assertEquals("--project needs a value",
                assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("tui", "--project"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(List.of("tui", "-p", "a", "--all"))).getMessage().contains("exclude"));
    }
}
