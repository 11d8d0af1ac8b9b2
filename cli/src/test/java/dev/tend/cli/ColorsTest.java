package dev.tend.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorsTest {

    @Test
    void coloursOnlyOnATerminalWithoutNoColor() {
        assertTrue(Colors.decide(false, null, true));
        assertTrue(Colors.decide(false, "", true));
        assertFalse(Colors.decide(false, "1", true), "NO_COLOR set to anything");
        assertFalse(Colors.decide(true, null, true), "--no-color");
        assertFalse(Colors.decide(false, null, false), "not a terminal");
    }

    @Test
    void stateWordsArePaintedAndColumnsStayAligned() {
        String table = "SERVICE  STATE    PID\n"
                + "db       ready    12\n"
                + "api      crashed  -\n";
        String painted = Colors.paintStates(table);
        assertEquals("SERVICE  STATE    PID\n"
                + "db       " + Colors.GREEN + "ready" + Colors.RESET + "    12\n"
                + "api      " + Colors.RED + "crashed" + Colors.RESET + "  -\n", painted);
        assertEquals(table, painted.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void aTableWithoutStateColumnIsLeftAlone() {
        assertEquals("A  B\n1  2\n", Colors.paintStates("A  B\n1  2\n"));
    }
}
