package dev.tend.mcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StdinWatchTest {
    @Test
    void blankLinesAreLeftOutAndTheEndIsTold() throws Exception {
        StdinWatch in = new StdinWatch(new ByteArrayInputStream("\n{\"a\":1}\r\n\n\n{\"b\":2}\n\n".getBytes(StandardCharsets.UTF_8)));
        String seen = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("{\"a\":1}\r\n{\"b\":2}\n", seen);
        in.awaitEnd(); // returns: the stream's end was seen
    }

    @Test
    void theClientsInitializedNotificationIsToldOnceAndAQuotedMentionIsNot() throws Exception {
        String lines = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"note\":"
                + "\"say \\\"notifications/initialized\\\" later\"}}\n";
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        StdinWatch early = new StdinWatch(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        early.onInitialized(told::incrementAndGet);
        early.readAllBytes();
        assertEquals(0, told.get(), "the name inside a string value is not the notification");

        String both = lines + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
        StdinWatch in = new StdinWatch(new ByteArrayInputStream(both.getBytes(StandardCharsets.UTF_8)));
        in.onInitialized(told::incrementAndGet);
        byte[] one = new byte[7]; // read in small pieces: the name spans reads
        while (in.read(one, 0, one.length) >= 0) {
            // read on
        }
        assertEquals(1, told.get());
    }
}
