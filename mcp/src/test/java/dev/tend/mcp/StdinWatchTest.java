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
}
