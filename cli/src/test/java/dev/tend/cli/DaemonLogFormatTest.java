package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DaemonLogFormatTest {
    private static final long T = 1714564800123L;

    private static String localTime() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochMilli(T));
    }

    @Test
    void logbackJsonLineBecomesTimeLevelShortLoggerAndMessage() {
        String line = "{\"timestamp\":" + T + ",\"level\":\"INFO\",\"loggerName\":\"dev.tend.daemon.Daemon\","
                + "\"message\":\"listening on {}\",\"formattedMessage\":\"listening on /run/x.sock\"}";
        assertEquals(localTime() + " INFO  Daemon: listening on /run/x.sock", DaemonLogFormat.format(line));
    }

    @Test
    void aRecordGluedToOneCutShortByAFullDiskIsShownOnItsOwnLine() {
        String cut = "{\"timestamp\":" + T + ",\"level\":\"WARN\",\"loggerName\":\"x.Store\",\"formattedMessage\":\"no space left on dev";
        String next = "{\"timestamp\":" + T + ",\"level\":\"INFO\",\"loggerName\":\"dev.tend.daemon.Daemon\","
                + "\"formattedMessage\":\"writing works again\"}";
        assertEquals(cut + "\n" + localTime() + " INFO  Daemon: writing works again", DaemonLogFormat.format(cut + next));
    }

    @Test
    void throwableIsAppendedWithClassAndMessage() {
        String line = "{\"timestamp\":" + T + ",\"level\":\"ERROR\",\"loggerName\":\"dev.tend.daemon.core.Supervisor\","
                + "\"formattedMessage\":\"start failed\",\"throwable\":{\"className\":\"java.io.IOException\","
                + "\"message\":\"No such file\",\"stepArray\":[]}}";
        assertEquals(localTime() + " ERROR Supervisor: start failed [java.io.IOException: No such file]",
                DaemonLogFormat.format(line));
    }

    @Test
    void withoutFormattedMessageTheRawMessageIsUsed() {
        String line = "{\"level\":\"WARN\",\"loggerName\":\"Root\",\"message\":\"plain\"}";
        assertEquals("WARN  Root: plain", DaemonLogFormat.format(line));
    }

    @Test
    void nonJsonLinePassesThrough() {
        String line = "# A fatal error has been detected by the Java Runtime Environment:";
        assertEquals(line, DaemonLogFormat.format(line));
    }

    @Test
    void brokenJsonLinePassesThrough() {
        assertEquals("{\"level\":\"INFO\"", DaemonLogFormat.format("{\"level\":\"INFO\""));
    }

    @Test
    void jsonWithoutALevelPassesThrough() {
        assertEquals("{\"a\":1}", DaemonLogFormat.format("{\"a\":1}"));
    }
}
