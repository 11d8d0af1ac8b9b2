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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A client that opens connections and keeps them (docs/daemon.md, "Bounds": 1024 at once): the one past the bound is
 * told why and closed, the daemon and its services go on, and once some close, new clients are served again.
 */
class ConnectionCapIT {
    private static final int CAP = 1024;

    private TendHome tend;
    private final List<RawPeer> held = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (RawPeer peer : held) {
            peer.close();
        }
        tend.close();
    }

    @Test
    void theConnectionPastTheBoundIsToldWhyAndClosedAndTheDaemonServesAgainOnceSomeClose() throws Exception {
        // this JVM holds the connections: it needs a few descriptors for each (the socket and its selector's)
        assumeTrue(openFilesLimit() > 5 * CAP, "this test needs more than " + 5 * CAP + " open files (ulimit -n)");
        TendProject p = new TendProject(tend, "held", """
                services:
                  web:
                    command: exec sleep 1000
                """);
        p.ok("up", "--wait");
        long daemon = tend.daemonPid();

        for (int i = 0; i < CAP; i++) {
            RawPeer peer = new RawPeer(tend.socket(), null);
            held.add(peer);
            // answered: the daemon has counted this connection before the next one comes
            Map<?, ?> hello = (Map<?, ?>) Json.parse(peer.exchange("{\"jsonrpc\":\"2.0\",\"method\":\"daemon.hello\",\"id\":" + i + "}"));
            assertEquals((long) i, hello.get("id"), hello.toString());
        }

        try (RawPeer past = new RawPeer(tend.socket(), null)) {
            String refused = past.readLine(10_000);
            assertTrue(refused != null && refused.contains("at most 1024 connections at once; close some"), refused);
            assertNull(past.readLine(10_000), "then the daemon closes it");
            assertTrue(past.closedByPeer());
        }
        TendHome.Result ps = p.tend("ps");
        assertNotEquals(0, ps.exit(), ps.toString());
        assertTrue(ps.err().contains("at most 1024 connections"), "the CLI says the daemon's own words: " + ps);

        for (int i = 0; i < 10; i++) {
            held.remove(held.size() - 1).close();
        }
        TendProject.await("a new client served once some connections closed", () -> p.tend("ps").exit() == 0 ? true : null);
        assertTrue(ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false), "the same daemon");
        assertEquals("ready", TendProject.state(p.ps().get(0)), "the service ran on");
        String log = Files.readString(tend.stateDir().resolve("daemon.log"));
        assertTrue(log.contains("connections are open, the most the daemon serves"), "the daemon logs the refusal");
    }

    private static long openFilesLimit() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return 0;
    }
}
