package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogStream;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log probe: ready from the first captured line that matches, for good. */
class LogProbeTest {

    private static LogLine line(String text) {
        return new LogLine(Instant.now(), LogStream.OUT, text);
    }

    @Test
    void aCheckPassesOnlyAfterAMatchingLineWasSeen() {
        LogProbe p = new LogProbe(Pattern.compile("listening on \\d+"));
        assertFalse(p.check());
        assertFalse(p.onLines(List.of(line("starting"), line("listening on port"))));
        assertFalse(p.check());
        assertTrue(p.onLines(List.of(line("loading"), line("now listening on 8080"), line("more"))),
                "a match anywhere in the batch, anywhere in the line");
        assertTrue(p.check());
    }

    @Test
    void describesItselfByItsPatternAndHasNoProblemToTell() {
        LogProbe p = new LogProbe(Pattern.compile("up \\d+"));
        assertEquals("log /up \\d+/", p.describe());
        assertNull(p.lastProblem());
    }
}
