package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void fieldsAreReadAfterTheLastParenthesisOfTheCommandName() {
        ProcStat stat = ProcStat.parse("4242 (evil) S 1 2 3 ) x) R 17 4242 4240 0 -1 4194560 100 0 0 0 "
                + "250 30 0 0 20 0 1 0 43348 0 0");

        assertEquals(new ProcStat(4242, 'R', 17, 4242, 4240, 250, 30), stat);
    }

    @Test
    void zombiesCountAsExited() {
        assertTrue(ProcStat.parse("7 (sleep) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0").exited());
    }

    @Test
    void truncatedLineIsRejectedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("7 (sleep) S 1 7"));
        assertTrue(e.getMessage().contains("7 (sleep) S 1 7"), e.getMessage());
    }

    @Test
    void aPidThatDoesNotExistReadsAsEmpty() {
        assertTrue(ProcStat.read(Long.MAX_VALUE).isEmpty());
    }
}
