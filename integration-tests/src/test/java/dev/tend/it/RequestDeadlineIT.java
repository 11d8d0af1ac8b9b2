package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection that never completes a request is closed after the deadline (60 s; 2 s here, set through the test
 * hook), so it holds neither a connection slot nor an idle daemon; one that waits with nothing half-sent stays.
 */
class RequestDeadlineIT {
    private static TendHome tend;

    @BeforeAll
    static void startDaemon() throws Exception {
        tend = new TendHome();
        tend.env().put("TEND_JAVA_OPTS", "-Dtend.peer.requestTimeoutMillis=2000");
        assertEquals(0, tend.tend("daemon", "status").exit());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        tend.close();
    }

    @Test
    void aConnectionThatSendsNothingOrHalfARequestIsClosed() throws Exception {
        try (RawPeer silent = new RawPeer(tend.socket()); RawPeer half = new RawPeer(tend.socket())) {
            half.send("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.st");
            assertNull(silent.readLine(15_000));
            assertTrue(silent.closedByPeer(), "the silent connection is closed");
            assertNull(half.readLine(5_000));
            assertTrue(half.closedByPeer(), "the half-sent request's connection is closed");
        }
        assertTrue(Files.readString(tend.stateDir().resolve("daemon.log")).contains("no complete request within 2000 ms"));
    }

    @Test
    void aConnectionThatWaitsAfterItsRequestsStays() throws Exception {
        try (RawPeer follower = new RawPeer(tend.socket())) {
            Map<?, ?> r = (Map<?, ?>) Json.parse(follower.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":1}"));
            assertEquals(1L, r.get("id"));
            assertNull(follower.readLine(6_000));
            assertTrue(!follower.closedByPeer(), "a connection with nothing half-sent is left open");
            r = (Map<?, ?>) Json.parse(follower.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.status\",\"id\":2}"));
            assertEquals(2L, r.get("id"));
        }
    }
}
