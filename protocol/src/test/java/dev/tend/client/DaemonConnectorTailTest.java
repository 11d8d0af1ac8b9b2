package dev.tend.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConnectorTailTest {
    @TempDir
    Path tmp;

    @Test
    void tailIndentsTheLastLines() throws IOException {
        Path log = Files.writeString(tmp.resolve("daemon.log"), "one\ntwo\nthree\nfour\n");
        assertEquals("  three\n  four\n", DaemonConnector.tail(log, 2));
    }

    @Test
    void tailOfAShortFileIsTheWholeFile() throws IOException {
        Path log = Files.writeString(tmp.resolve("daemon.log"), "only\n");
        assertEquals("  only\n", DaemonConnector.tail(log, 15));
    }

    @Test
    void tailReadsOnlyTheEndOfAHugeFile() throws IOException {
        String text = IntStream.range(0, 10_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n";
        Path log = Files.writeString(tmp.resolve("daemon.log"), text);
        assertEquals("  line 9997\n  line 9998\n  line 9999\n", DaemonConnector.tail(log, 3));
    }

    @Test
    void tailOfAMissingFileSaysThereIsNoLog() {
        String t = DaemonConnector.tail(tmp.resolve("absent.log"), 5);
        assertTrue(t.startsWith("  (no daemon log: "), t);
    }

    @Test
    void tailOfAnEmptyFileHasNoText() throws IOException {
        Path log = Files.createFile(tmp.resolve("daemon.log"));
        assertTrue(DaemonConnector.tail(log, 5).isBlank());
    }

    @Test
    void anEmptyStartFailureFileIsNoReason() throws IOException {
        // On a full disk the daemon can make the file but not write its text: the client must look further.
        Path file = Files.createFile(tmp.resolve("start-failure.txt"));
        assertNull(DaemonConnector.reasonOfThisStart(file, System.currentTimeMillis()));
    }

    @Test
    void theReasonOfThisStartIsReadAndAnOlderStartsIsNot() throws IOException {
        Path file = Files.writeString(tmp.resolve("start-failure.txt"), "cannot lock x: no space left on device\n");
        assertEquals("cannot lock x: no space left on device", DaemonConnector.reasonOfThisStart(file, System.currentTimeMillis()));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertNull(DaemonConnector.reasonOfThisStart(file, System.currentTimeMillis()));
    }
}
