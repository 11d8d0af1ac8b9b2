package dev.tend.daemon.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistoryRetentionTest {
    @Test
    void oneRowKeptAndAPruneAtEveryAppendIsTheSmallestRetention() {
        HistoryRetention smallest = new HistoryRetention(1, 1);
        assertEquals(1, smallest.keepPerService());
        assertEquals(1, smallest.pruneEvery());
    }

    @Test
    void keepingNoRowsOrNeverPruningIsRefusedWithBothValues() {
        assertEquals("history retention needs keepPerService >= 1 and pruneEvery >= 1, got 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> new HistoryRetention(0, 1)).getMessage());
        assertEquals("history retention needs keepPerService >= 1 and pruneEvery >= 1, got 1 and 0",
                assertThrows(IllegalArgumentException.class, () -> new HistoryRetention(1, 0)).getMessage());
    }
}
