package dev.tend.tui.view;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatTest {
    @Test
    void durationsAreShortAndKeepTwoUnits() {
        assertEquals("42s", Format.duration(Duration.ofSeconds(42)));
        assertEquals("3m12s", Format.duration(Duration.ofSeconds(192)));
        assertEquals("2h05m", Format.duration(Duration.ofMinutes(125)));
        assertEquals("3d04h", Format.duration(Duration.ofHours(76)));
    }

    @Test
    void bytesUseBinaryUnits() {
        assertEquals("-", Format.bytes(0));
        assertEquals("900K", Format.bytes(900 * 1024));
        assertEquals("12.5M", Format.bytes(12 * 1024 * 1024 + 512 * 1024));
        assertEquals("1.5G", Format.bytes(1536L * 1024 * 1024));
    }

    @Test
    void theReadyColumnMarksFailingLivenessChecksAndTheInfoColumnSaysWhy() {
        var row = dev.tend.tui.model.ServiceRow.from(dev.tend.tui.model.Wire.json(
                dev.tend.tui.model.Wire.service("shop", "api", "ready", 42).replace("'reason':null",
                        "'reason':'unhealthy 2/3: HTTP 503'").replace("'desired':'running'",
                        "'desired':'running','alive':{'failures':2,'allowed':3,'lastError':'HTTP 503'}")));
        assertEquals("!2/3", Format.readiness(row));
        assertEquals("unhealthy 2/3: HTTP 503", Format.why(row));
        var healthy = dev.tend.tui.model.ServiceRow.from(dev.tend.tui.model.Wire.json(
                dev.tend.tui.model.Wire.service("shop", "api", "ready", 42).replace("'desired':'running'",
                        "'desired':'running','alive':{'failures':0,'allowed':3,'lastError':null}")));
        assertEquals("ready", Format.readiness(healthy));
    }

    @Test
    void theInfoColumnShowsTheDescriptionWhenThereIsNoReasonToShow() {
        var quiet = dev.tend.tui.model.ServiceRow.from(dev.tend.tui.model.Wire.json(
                dev.tend.tui.model.Wire.service("shop", "api", "ready", 42).replace("'desired':'running'",
                        "'desired':'running','description':'The public API'")));
        assertEquals("The public API", Format.why(quiet));
        var failing = dev.tend.tui.model.ServiceRow.from(dev.tend.tui.model.Wire.json(
                dev.tend.tui.model.Wire.service("shop", "api", "ready", 42).replace("'reason':null",
                        "'reason':'unhealthy 2/3: HTTP 503'").replace("'desired':'running'",
                        "'desired':'running','description':'The public API'")));
        assertEquals("unhealthy 2/3: HTTP 503", Format.why(failing), "a reason wins");
    }

    @Test
    void fitNeverCutsBetweenTheHalvesOfAnEmoji() {
        assertEquals("ab~ ", Format.fit("ab\uD83D\uDE00cd", 4), "the emoji would start at the mark's place");
        assertEquals("ab\uD83D\uDE00~", Format.fit("ab\uD83D\uDE00cd", 5));
    }

    @Test
    void fitCutsWithAMarkAndPads() {
        assertEquals("abc  ", Format.fit("abc", 5));
        assertEquals("abcd~", Format.fit("abcdefgh", 5));
        assertEquals("  abc", Format.fitRight("abc", 5));
    }

    @Test
    void controlCharactersAndColourEscapesCannotMoveTheCursor() {
        assertEquals("red text?", Format.printable("\u001b[31mred\u001b[0m text\r"));
        assertEquals("a    b", Format.printable("a\tb"));
    }

    @Test
    void charactersThatTakeNoColumnOnATerminalCannotShiftALine() {
        assertEquals("A  B end", Format.printable("A \u202e B end"), "a right-to-left override is dropped");
        assertEquals("A \u00e9 B", Format.printable("A e\u0301 B"), "an accent is composed with its letter");
        assertEquals("A \u00e9 B", Format.printable("A e\u0301\u0301\u0301 B"), "what cannot be composed is dropped");
        assertEquals("a?b?c", Format.printable("a\uffffb\u0085c"), "unassigned and C1 control characters");
        assertEquals("zero\u200bwidth".length() - 1, Format.printable("zero\u200bwidth").length());
        assertEquals("\ud83d\ude80 \u65e5\u672c", Format.printable("\ud83d\ude80 \u65e5\u672c"), "emoji and CJK stay");
    }

    @Test
    void jobTimesReadRelativeWhenNear() {
        Instant now = Instant.parse("2030-01-01T10:00:00Z");
        assertEquals("in 4m00s", Format.when(now.plusSeconds(240), now, ZoneOffset.UTC));
        assertEquals("1h00m ago", Format.when(now.minusSeconds(3600), now, ZoneOffset.UTC));
        assertEquals("01-05 10:00", Format.when(now.plus(Duration.ofDays(4)), now, ZoneOffset.UTC));
    }
}
