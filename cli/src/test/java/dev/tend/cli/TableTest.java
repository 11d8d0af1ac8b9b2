package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableTest {

    @Test
    void padsEachColumnToItsWidestCellPlusTwoSpaces() {
        String t = Table.render(List.of(new String[] {"A", "BB", "C"}, new String[] {"long", "x", "y"}));
        assertEquals("A     BB  C\nlong  x   y\n", t);
    }

    @Test
    void lastColumnIsNotPadded() {
        String t = Table.render(List.of(new String[] {"A", "LAST"}, new String[] {"b", "x"}));
        assertEquals("A  LAST\nb  x\n", t);
    }

    @Test
    void headerOnlyTableIsOneLine() {
        assertEquals("ONE\n", Table.render(List.<String[]>of(new String[] {"ONE"})));
    }
}
