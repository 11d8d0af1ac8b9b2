package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input of a size no real user sends, each refused (or answered) at once with the limit named, never a daemon
 * busy for minutes or out of memory: the limits are stated in docs/daemon.md.
 */
class InputSizeIT {
    private static TendHome tend;

    @BeforeAll
    static void startDaemon() throws Exception {
        tend = new TendHome();
        assertEquals(0, tend.tend("daemon", "status").exit());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        tend.close();
    }

    private static String twoMebibyteQuotedValue() {
        return "\"" + "x".repeat(2 << 20) + "\"";
    }

    @Test
    void aProjectFileWithATwoMebibyteValueIsRefusedAtOnce() throws Exception {
        TendProject p = new TendProject(tend, "huge", "services:\n  a:\n    command: " + twoMebibyteQuotedValue() + "\n");
        TendHome.Result r = p.tend("up");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("tend: " + p.file("tend.yaml") + ": 2.0 MiB is more than the 256 KiB a project file may hold\n", r.err());
    }

    @Test
    void reloadOfAProjectFileGrownPastTheLimitAnswersWithTheLimit() throws Exception {
        TendProject p = new TendProject(tend, "grown", "services:\n  a:\n    command: sleep 600\n");
        p.ok("up");
        p.write("services:\n  a:\n    command: " + twoMebibyteQuotedValue() + "\n");
        TendHome.Result r = p.tend("reload");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("2.0 MiB is more than the 256 KiB a project file may hold"), r.toString());
        p.ok("down");
    }

    @Test
    void aHundredMebibyteRequestLineIsRefusedAndTheConnectionStaysUsable() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 100; i++) {
                peer.send(chunk);
            }
            peer.send("\n");
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(peer.exchange(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":7}"))).get("error");
            assertEquals(-32600L, error.get("code"));
            assertTrue(String.valueOf(error.get("message")).contains("larger than 1048576 bytes"), error.toString());
            String next = peer.readLine(10_000);
            assertTrue(next != null, "no answer after the refused line");
            Map<?, ?> r = (Map<?, ?>) Json.parse(next);
            assertEquals(7L, r.get("id"));
        }
    }

    @Test
    void aBatchOfTenThousandIsRefusedWhole() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":").append(i).append('}');
        }
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Object answer = Json.parse(peer.exchange(batch.append(']').toString()));
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) answer).get("error");
            assertEquals(-32600L, error.get("code"), () -> answer.toString().substring(0, Math.min(200, answer.toString().length())));
            assertEquals("a batch may hold at most 100 requests; this one holds 10000", error.get("message"));
            Map<?, ?> r = (Map<?, ?>) Json.parse(peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":8}"));
            assertEquals(8L, r.get("id"));
        }
    }

    @Test
    void aHundredThousandLevelsOfNestingIsAParseError() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(peer.exchange(
                    "[".repeat(100_000) + "]".repeat(100_000)))).get("error");
            assertEquals(-32700L, error.get("code"));
            assertTrue(String.valueOf(error.get("message")).contains("nested deeper than"), error.toString());
        }
    }
}
