package dev.tend.mcp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolRulesTest {
    @Test
    void aMissingOrMistypedArgumentIsAToolErrorThatNamesIt() {
        Args a = new Args(Map.of("service", "", "tail", "x", "limit", 5000));
        assertTrue(assertThrows(ToolError.class, () -> a.required("service")).getMessage().contains("'service'"));
        assertTrue(assertThrows(ToolError.class, () -> a.integer("tail", 1, 1, 10)).getMessage().contains("'tail'"));
        assertTrue(assertThrows(ToolError.class, () -> a.integer("limit", 1, 1, 1000)).getMessage()
                .contains("between 1 and 1000"));
        assertEquals(7, a.integer("absent", 7, 1, 10));
    }

    @Test
    void aBadCallBecomesAnErrorResultWithItsMessageAndABugSaysSoInOneLine() {
        var error = ToolSet.call(x -> {
            throw new ToolError("no service 'apj' in project 'shop': did you mean 'api'?");
        }, Map.of());
        assertTrue(error.isError());
        var bug = ToolSet.call(x -> {
            throw new IllegalStateException("boom");
        }, Map.of());
        assertTrue(bug.isError());
        var fine = ToolSet.call(x -> Map.of("a", 1), null);
        assertFalse(fine.isError());
    }

    @Test
    void theLauncherWordsAndGlobalOptionsAreAccepted() {
        Options o = Options.parse(List.of("--instance", "x", "mcp", "--read-only"));
        assertTrue(o.readOnly());
        assertEquals("x", o.instance());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(List.of("mcp", "--bogus")));
    }

    @Test
    void aWaitSettlesOnReadyFailedExitedCompletedOrAStopThatWasAskedFor() {
        assertEquals("ready", ServiceWait.outcome(Map.of("state", "ready")));
        assertEquals("completed", ServiceWait.outcome(Map.of("state", "completed")), "a task's end is final");
        assertEquals("failed", ServiceWait.outcome(Map.of("state", "failed")));
        assertEquals("stopped", ServiceWait.outcome(Map.of("state", "stopped", "desired", "stopped")));
        assertEquals(null, ServiceWait.outcome(Map.of("state", "stopped", "desired", "running")));
        assertEquals(null, ServiceWait.outcome(Map.of("state", "backoff")));
    }

    @Test
    void logAnswersStayBoundedAndSayWhatWasLeftOut() {
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            lines.add(Map.of("time", "2026-12-05T13:00:00.000Z", "stream", i % 2 == 0 ? "out" : "err",
                    "text", "line " + i + " " + "x".repeat(40)));
        }
        String text = LogPages.render(lines, false, "(none)");
        assertTrue(text.length() <= LogPages.MAX_CHARS, "length " + text.length());
        assertTrue(text.length() > LogPages.MAX_CHARS - 100, "the room is used: length " + text.length());
        assertTrue(text.startsWith("[tend: "), text.substring(0, 80));
        assertTrue(text.endsWith("line 1999 " + "x".repeat(40)));
        assertTrue(text.contains("err| line 1999"));
        assertEquals("(none)", LogPages.render(List.of(), false, "(none)"));
    }

    @Test
    void aLogLineLongerThanTheBoundIsCutToItsEndWithTheNoteInsideTheBound() {
        String text = LogPages.render(List.of(Map.of("time", "2026-12-05T13:00:00.000Z", "stream", "out",
                "text", "start " + "y".repeat(50_000) + " end")), false, "(none)");
        assertEquals(LogPages.MAX_CHARS, text.length());
        assertTrue(text.startsWith("[tend: the line is cut to its last "), text.substring(0, 80));
        assertTrue(text.endsWith("y end"));
    }

    @Test
    void aNewestLineThatFitsOnlyBesideAShortNoteIsShownWholeNotSaidToBeCut() {
        String text = "w".repeat(LogPages.MAX_CHARS - 60); // with the older line, over the bound
        String rendered = LogPages.render(List.of(
                Map.of("time", "2026-12-05T13:00:00.000Z", "stream", "out", "text", "older " + "x".repeat(100)),
                Map.of("time", "2026-12-05T13:00:01.000Z", "stream", "out", "text", text)), false, "(none)");
        assertEquals("[tend: 1 older lines left out]\n2026-12-05T13:00:01.000Z | " + text, rendered);
        assertTrue(rendered.length() <= LogPages.MAX_CHARS);
    }

    @Test
    void linesThatFillTheBoundExactlyAreAllKeptWithoutANote() {
        String line = "2026-12-05T13:00:00.000Z | " + "z".repeat(LogPages.MAX_CHARS - 27);
        String text = LogPages.render(List.of(Map.of("time", "2026-12-05T13:00:00.000Z", "stream", "out",
                "text", "z".repeat(LogPages.MAX_CHARS - 27))), false, "(none)");
        assertEquals(line, text);
    }
}
