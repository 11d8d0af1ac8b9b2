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
 * that half-closes) gets every answer, then the daemon's end of the stream; no connection outlives its peer.
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
    void aSubscribeSentBeforeTheHalfCloseIsAnsweredThenTheSubscriptionEndsWithTheConnection() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"events.subscribe\"}\n");
            peer.shutdownOutput();
            String subscribed = peer.readLine(10_000);
            assertTrue(subscribed != null && subscribed.contains("\"subscription\""), String.valueOf(subscribed));
            assertEquals(null, peer.readLine(10_000));
            assertTrue(peer.closedByPeer(), "a follower keeps its side open; one that shut it is done");
        }
        TendHome.waitUntil("no connection left behind (now " + connections() + ")", () -> connections() == 1);
    }

    @Test
    void aSubscriberWhoseProcessEndedLeavesNoConnectionBehindThoughNoEventComes() throws Exception {
        TendHome.waitUntil("only the status call's own connection", () -> connections() == 1);
        Process events = tend.start("events", "--json");
        TendHome.waitUntil("tend events subscribed", () -> connections() == 2);
        events.destroyForcibly(); // as Ctrl-C or a closed terminal ends it; nothing happens after it
        assertTrue(events.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        TendHome.waitUntil("its connection closed (now " + connections() + ")", () -> connections() == 1);
    }

    /** The daemon's open connections, as daemon.status counts them (this call's own included). */
    private static long connections() {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Map<?, ?> answer = (Map<?, ?>) Json.parse(peer.exchange(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"daemon.status\"}"));
            return ((Number) ((Map<?, ?>) answer.get("result")).get("connections")).longValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
