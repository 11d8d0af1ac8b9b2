package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes no client should send. The daemon answers with an error or closes that one connection; it keeps
 * serving a bystander connection opened before, and it never dies.
 */
class HostileInputIT {
    private static TendHome tend;
    private static RawPeer bystander;
    private static long daemonPid;

    @BeforeAll
    static void startDaemon() throws Exception {
        tend = new TendHome();
        assertEquals(0, tend.tend("daemon", "status").exit());
        daemonPid = tend.daemonPid();
        bystander = new RawPeer(tend.socket());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        bystander.close();
        tend.close();
    }

    private static void assertDaemonStillServes() throws Exception {
        assertTrue(ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive).orElse(false), "the daemon is alive");
        Map<?, ?> r = (Map<?, ?>) Json.parse(bystander.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":42}"));
        assertEquals(42L, r.get("id"));
        try (RawPeer fresh = new RawPeer(tend.socket())) {
            Map<?, ?> f = (Map<?, ?>) Json.parse(fresh.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":43}"));
            assertEquals(43L, f.get("id"));
        }
    }

    /** Either an error response naming the code, or the connection closed. */
    private static void assertErrorOrClosed(RawPeer peer, int code) throws Exception {
        String line = peer.readLine(10_000);
        if (line == null) {
            assertTrue(peer.closedByPeer(), "neither an answer nor a close");
            return;
        }
        Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(line)).get("error");
        assertEquals((long) code, error.get("code"), line);
    }

    @Test
    void randomBytes() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send(junk);
            peer.send("\n".getBytes(StandardCharsets.UTF_8));
            peer.readLine(2_000); // whatever it answers, if anything
        }
        assertDaemonStillServes();
    }

    @Test
    void twoMebibyteLineIsRefusedAndTheConnectionStaysUsable() throws Exception {
        byte[] big = new byte[2 << 20];
        Arrays.fill(big, (byte) 'a');
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send(big);
            peer.send("\n".getBytes(StandardCharsets.UTF_8));
            assertErrorOrClosed(peer, -32600);
            if (!peer.closedByPeer()) {
                Map<?, ?> r = (Map<?, ?>) Json.parse(peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":1}"));
                assertEquals(1L, r.get("id"));
            }
        }
        assertDaemonStillServes();
    }

    @Test
    void unterminatedJsonThenClose() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":1");
        }
        assertDaemonStillServes();
    }

    @Test
    void hundredThousandLevelsOfNesting() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send("[".repeat(100_000) + "]".repeat(100_000) + "\n");
            assertErrorOrClosed(peer, -32700);
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"params\":" + "{\"a\":".repeat(100_000) + "1"
                    + "}".repeat(100_000) + ",\"id\":2}\n");
            assertErrorOrClosed(peer, -32700);
        }
        assertDaemonStillServes();
    }

    @Test
    void invalidUtf8IsAParseError() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            byte[] prefix = "{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] suffix = "\"}\n".getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[prefix.length + 2 + suffix.length];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            frame[prefix.length] = (byte) 0xC3;
            frame[prefix.length + 1] = (byte) 0x28; // not a continuation byte
            System.arraycopy(suffix, 0, frame, prefix.length + 2, suffix.length);
            peer.send(frame);
            assertErrorOrClosed(peer, -32700);
        }
        assertDaemonStillServes();
    }
}
