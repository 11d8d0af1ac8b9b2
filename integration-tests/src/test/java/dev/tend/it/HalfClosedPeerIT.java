package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that shuts down its side once it has sent its requests (`echo '…' | socat - UNIX-CONNECT:…`, or a script
 * that half-closes) gets every answer, then the daemon's end of the stream; one that subscribed keeps its events.
 */
class HalfClosedPeerIT {
    private static TendHome tend;

    @BeforeAll
    static void start() throws Exception {
        tend = new TendHome();
        assertEquals(0, tend.tend("daemon", "status").exit());
    }

    @AfterAll
    static void stop() throws Exception {
        tend.close();
    }

    @Test
    void everyRequestSentBeforeTheHalfCloseIsAnsweredThenTheDaemonCloses() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            StringBuilder burst = new StringBuilder();
            for (int id = 1; id <= 50; id++) { // past the 16 a connection has in flight at once
                burst.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(",\"method\":\"daemon.status\"}\n");
            }
            peer.send(burst.toString());
            peer.shutdownOutput();
            Set<Long> answered = new TreeSet<>();
            for (String line; (line = peer.readLine(10_000)) != null; ) {
                answered.add(((Number) ((Map<?, ?>) Json.parse(line)).get("id")).longValue());
            }
            assertEquals(50, answered.size(), "answered: " + answered);
            assertTrue(peer.closedByPeer(), "the daemon closed its side once all was answered");
        }
    }

    @Test
    void aSubscriberThatHalfClosesStillGetsItsEvents() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"events.subscribe\"}\n");
            peer.shutdownOutput();
            String subscribed = peer.readLine(10_000);
            assertTrue(subscribed != null && subscribed.contains("\"subscription\""), String.valueOf(subscribed));
            assertEquals(0, tend.tend("run", "--name", "late", "--", "sleep", "600").exit());
            String event;
            do {
                event = peer.readLine(10_000);
            } while (event != null && !event.contains("\"service.changed\""));
            assertTrue(event != null && event.contains("\"late\""), "an event after the half-close: " + event);
            assertEquals(0, tend.tend("rm", "late").exit());
        }
    }
}
