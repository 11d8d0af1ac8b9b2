package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that ask for much and never read it (issue 12, defect 1): 300 connections each asking for a whole log of
 * over 512 KiB, one more with a batch of 3,000 such calls. The daemon holds only a bounded amount for them (it
 * disconnects the worst), so it stays alive and small, answers everyone else, and every service runs on.
 */
class HostilePeersIT {
    /** The daemon's heap is capped at 256 MiB (bin/tend); metaspace, code, threads and Netty's buffers come on top. */
    private static final long RSS_BOUND_KIB = 480 * 1024;

    private TendHome tend;
    private TendProject p;
    private final List<RawPeer> hostile = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        // chatty writes 700 KiB at once then a line a second; the others only tick, so their capture threads live
        p = new TendProject(tend, "victim", """
                services:
                  chatty:
                    command: sh -c 'head -c 716800 /dev/zero | tr "\\\\0" x | fold -w 200; while true; do echo tick; sleep 1; done'
                  quiet1:
                    command: sh -c 'while true; do echo tick; sleep 0.2; done'
                  quiet2:
                    command: sh -c 'while true; do echo tick; sleep 0.2; done'
                """);
        p.ok("up");
        Path log = tend.stateDir().resolve("logs/victim/chatty.log");
        TendProject.await("chatty logged 700 KiB", () -> Files.exists(log) && Files.size(log) > 716_800 ? true : null);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (RawPeer peer : hostile) {
            peer.close();
        }
        tend.close();
    }

    private static String readAll(int id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"logs.read\",\"params\":{\"ref\":\"victim/chatty\",\"tail\":0},\"id\":" + id + "}";
    }

    @Test
    void unreadAnswersCostTheDaemonNeitherItsMemoryNorItsServices() throws Exception {
        long daemon = tend.daemonPid();
        for (int i = 0; i < 300; i++) {
            RawPeer peer = new RawPeer(tend.socket());
            hostile.add(peer);
            peer.send(readAll(i) + "\n");
            if (i % 100 == 99) {
                assertAnswers(daemon, false);
            }
        }
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 3000; i++) {
            batch.append(i == 0 ? "" : ",").append(readAll(i));
        }
        RawPeer batcher = new RawPeer(tend.socket());
        hostile.add(batcher);
        batcher.send(batch.append("]\n").toString());
        StringBuilder small = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            small.append(i == 0 ? "" : ",").append(readAll(i));
        }
        for (int i = 0; i < 20; i++) {
            RawPeer peer = new RawPeer(tend.socket());
            hostile.add(peer);
            peer.send(small + "]\n");
        }
        // Until the daemon has read enough pages to pass its bound (two at a time: tens of seconds on a busy machine)
        Path daemonLog = tend.stateDir().resolve("daemon.log");
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.readString(daemonLog).contains("unread") && System.nanoTime() < deadline) {
            assertAnswers(daemon, false);
            Thread.sleep(1000);
        }
        assertAnswers(daemon, true);
        long rss = rssKib(daemon);
        assertTrue(rss < RSS_BOUND_KIB, "daemon RSS " + rss + " KiB, bound " + RSS_BOUND_KIB);
        String log = Files.readString(daemonLog);
        assertFalse(log.contains("OutOfMemoryError"), "daemon.log mentions OutOfMemoryError");
        assertTrue(log.contains("unread"), "the daemon logs why it dropped the peers that never read");
        List<Map<String, Object>> services = p.ps();
        assertEquals(3, services.size());
        for (Map<String, Object> s : services) {
            assertTrue(Set.of("running", "ready").contains(TendProject.state(s)), s.toString());
            assertEquals(0L, ((Number) s.get("restarts")).longValue(), s.toString());
        }
    }

    /** The daemon is alive and a fresh client's service.list (and if asked, `tend ps`) gets its answer. */
    private void assertAnswers(long daemon, boolean cli) throws Exception {
        assertTrue(ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false), "the daemon is alive");
        try (RawPeer fresh = new RawPeer(tend.socket())) {
            fresh.send("{\"jsonrpc\":\"2.0\",\"method\":\"service.list\",\"id\":1}\n");
            String answer = fresh.readLine(10_000); // 2 s on a quiet machine; the suite shares two cores with others
            assertTrue(answer != null, "service.list was not answered within 10 s");
            assertEquals(1L, ((Map<?, ?>) Json.parse(answer)).get("id"), answer);
        }
        if (cli) {
            TendHome.Result ps = p.tend("ps");
            assertEquals(0, ps.exit(), ps.toString());
        }
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
