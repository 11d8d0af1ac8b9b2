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

        assertEquals(new ProcStat(4242, 'R', 17, 4242, 4240, 250, 30, 43348), stat);
    }

    @Test
    void zombiesCountAsExited() {
        assertTrue(ProcStat.parse("7 (sleep) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 0 0 20 0 1 0 900").exited());
    }

    @Test
    void truncatedLineIsRejectedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("7 (sleep) S 1 7"));
        assertTrue(e.getMessage().contains("7 (sleep) S 1 7"), e.getMessage());
    }

    @Test
    void aLineEndingBeforeTheStartTimeIsRejected() {
        // 19 fields after the name: the start time (22nd field of the line) is missing
        assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("7 (sleep) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0"));
    }

    @Test
    void aFieldThatIsNotADecimalNumberIsRejectedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("7 (sleep) S 1x 7 7 0 -1 0 0 0 0 0 0 0 0 0 0 0 20 0 1 0 900"));
        assertTrue(e.getMessage().contains("bad number") && e.getMessage().contains("S 1x 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, // 19 digits: more than a long is sure to hold
                () -> ProcStat.parse("7 (sleep) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 0 0 20 0 1234567890123456789 0 900"));
    }

    @Test
    void aNumberOfEighteenDigitsIsRead() {
        assertEquals(123456789012345678L,
                ProcStat.parse("7 (sleep) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 0 0 20 0 123456789012345678 0 900")
                        .startTicks());
    }

    @Test
    void aStateOfMoreThanOneLetterOrALineWithoutANameIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse("7 (sleep) SS 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 0 0 20 0 1 0 900"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("7 sleep S 1 7 7 0"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("(sleep) S 1 7 7 0"));
    }

    @Test
    void theLastFieldMayEndTheLineOrBeFollowedByItsNewline() {
        ProcStat stat = ProcStat.parse("42 (a b) S 1 42 42 0 -1 0 0 0 0 0 7 8 0 0 20 0 1 0 900\n");

        assertEquals(new ProcStat(42, 'S', 1, 42, 42, 7, 8, 900), stat);
    }

    @Test
    void theStartTimeReadFromStatIsTheOneJavaReports() throws Exception {
        // Records of an earlier daemon hold ProcessHandle's start instants: the two ways must agree exactly.
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            for (long pid : new long[] {ProcessHandle.current().pid(), child.pid(), 1}) {
                assertEquals(ProcessHandle.of(pid).orElseThrow().info().startInstant(), Os.startTime(pid),
                        "start time of pid " + pid);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aPidThatDoesNotExistReadsAsEmpty() {
        assertTrue(ProcStat.read(Long.MAX_VALUE).isEmpty());
    }
}
