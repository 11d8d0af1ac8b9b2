package dev.tend.daemon.core.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputEchoTest {

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void handsOnTheFirstLinesCutAtTheirBoundAndCountsTheRest() {
        List<String> shown = new ArrayList<>();
        int lines = OutputEcho.read(text("one\n" + "x".repeat(10) + "\nthree\nfour\nfive"), 3, 5, shown::add,
                e -> { throw new AssertionError(e); });
        assertEquals(List.of("one", "xxxxx…", "three"), shown);
        assertEquals(5, lines, "the last line without a newline counts too");
    }

    @Test
    void aLastLineWithoutANewlineIsShownWhenItIsWithinTheBound() {
        List<String> shown = new ArrayList<>();
        int lines = OutputEcho.read(text("one\ntwo"), 2, 5, shown::add, e -> { throw new AssertionError(e); });
        assertEquals(List.of("one", "two"), shown);
        assertEquals(2, lines);
    }

    @Test
    void aLineThatNeverEndsIsNotHeldBeyondItsBound() {
        List<String> shown = new ArrayList<>();
        InputStream endless = new InputStream() {
            private long left = 50L << 20; // 50 MB without a newline

            @Override
            public int read() {
                return left-- > 0 ? 'y' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'y');
                left -= n;
                return n;
            }
        };
        assertEquals(1, OutputEcho.read(endless, 10, 4, shown::add, e -> { }));
        assertEquals(List.of("yyyy…"), shown);
    }

    @Test
    void aStreamClosedUnderTheReaderIsTheEndAndIsToldOf() {
        List<IOException> failed = new ArrayList<>();
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Stream closed");
            }
        };
        assertEquals(0, OutputEcho.read(broken, 10, 10, l -> { }, failed::add));
        assertEquals(1, failed.size());
    }
}
