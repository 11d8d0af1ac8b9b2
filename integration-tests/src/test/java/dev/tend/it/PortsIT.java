package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `port: auto` as a user meets it: probed through $PORT, kept across restarts and daemon restarts, handed to the
 * services that depend on it; and PORT for Procfile processes as foreman gives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortsIT {
    /** A tiny HTTP server on $PORT: what a web service of a project would be. */
    private static final String SERVER = "python3 -m http.server --bind 127.0.0.1 $PORT";

    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    private static long port(Map<String, Object> service) {
        Object p = service.get("port");
        return p == null ? 0 : ((Number) p).longValue();
    }

    @Test
    void anAutoPortIsProbedThroughDollarPortInHttpTcpAndExecProbes() throws Exception {
        TendProject p = new TendProject(tend, "probed", """
                services:
                  web:
                    command: %1$s
                    port: auto
                    ready: { http: "http://127.0.0.1:$PORT/", interval: 100ms }
                  raw:
                    command: %1$s
                    port: auto
                    ready: { tcp: "${PORT}", interval: 100ms }
                  local:
                    command: %1$s
                    port: auto
                    ready: { tcp: "127.0.0.1:$PORT", interval: 100ms }
                  checked:
                    command: %1$s
                    port: auto
                    ready: { exec: "python3 -c 'import socket; socket.create_connection((\\"127.0.0.1\\", ${PORT}))'", interval: 100ms }
                """.formatted(SERVER));
        TendHome.Result up = p.tend("up", "--wait");
        assertEquals(0, up.exit(), up.toString());
        for (String name : List.of("web", "raw", "local", "checked")) {
            Map<String, Object> s = p.service(name);
            assertEquals("ready", TendProject.state(s), s.toString());
            assertTrue(port(s) > 0, "ps shows the chosen port: " + s);
        }
        p.ok("down");
    }

    @Test
    void dollarPortInAProbeOfAServiceWithoutAPortIsRefusedWithAHint() throws Exception {
        TendProject p = new TendProject(tend, "portless", """
                services:
                  web:
                    command: sleep 1000
                    ready: { http: "http://127.0.0.1:$PORT/" }
                """);
        TendHome.Result up = p.tend("up");
        assertNotEquals(0, up.exit(), up.toString());
        assertTrue(up.err().contains("uses $PORT but service 'web' has no port; add port: auto"), up.toString());
    }

    @Test
    void anAutoPortIsKeptAcrossRestartsAndDaemonRestartsAndChangesWithAWarningOnlyWhenTaken() throws Exception {
        TendProject p = new TendProject(tend, "kept", """
                services:
                  api:
                    command: exec sleep 1000
                    port: auto
                """);
        p.ok("up", "--wait");
        long first = port(p.service("api"));
        assertTrue(first > 0, p.ps().toString());

        p.ok("restart", "api");
        assertEquals(first, port(p.awaitState("api", "ready")), "a restart keeps the port");
        p.ok("stop", "api");
        p.ok("start", "api");
        assertEquals(first, port(p.awaitState("api", "ready")), "a stop and start keep the port");

        tend.tend("daemon", "stop");
        assertEquals(first, port(p.awaitState("api", "ready")), "the next daemon gives it the same port");

        p.ok("stop", "api");
        try (ServerSocket squatter = new ServerSocket((int) first, 50, InetAddress.getByName("0.0.0.0"))) {
            p.ok("start", "api");
            long second = port(p.awaitState("api", "ready"));
            assertNotEquals(first, second, "a taken port is replaced");
            assertTrue(second > 0);
            assertTrue(p.history("kept/api").stream().anyMatch(h -> String.valueOf(h.get("reason"))
                            .contains("port " + first + " is taken")),
                    "the change is recorded with a warning: " + p.history("kept/api"));
            p.ok("restart", "api");
            assertEquals(second, port(p.awaitState("api", "ready")), "the new port is the one kept from now on");
        }
        p.ok("down");
    }

    @Test
    void aServiceLearnsThePortsOfTheServicesItDependsOn() throws Exception {
        TendProject p = new TendProject(tend, "deps", """
                services:
                  api-v2:
                    command: exec sleep 1000
                    port: auto
                  db:
                    command: exec sleep 1000
                    port: 6543
                  worker:
                    command: echo "api=$TEND_PORT_API_V2 db=$TEND_PORT_DB own=${PORT:-none}"; exec sleep 1000
                    depends_on: [api-v2, db]
                """);
        p.ok("up", "--wait");
        long api = port(p.service("api-v2"));
        assertTrue(api > 0);
        String expected = "api=" + api + " db=6543 own=none";
        TendProject.await("worker prints its dependencies' ports", () -> {
            String log = p.ok("logs", "-n", "10", "worker").out();
            return log.contains(expected) ? log : null;
        });
        p.ok("down");
    }

    @Test
    void procfileProcessesGetPortAsForemanGivesIt() throws Exception {
        TendProject p = new TendProject(tend, "foreman", "services: {}\n");
        Files.delete(p.file("tend.yaml"));
        Files.writeString(p.file("Procfile"), """
                web: echo "web port=$PORT"; exec sleep 1000
                worker: echo "worker port=$PORT"; exec sleep 1000
                """);
        p.ok("up", "--wait");
        for (String expected : List.of("web port=5000", "worker port=5100")) {
            TendProject.await(expected, () -> {
                String log = p.ok("logs", "-n", "10").out();
                return log.contains(expected) ? log : null;
            });
        }
        assertEquals(5000, port(p.service("web")));
        p.ok("down");
        assertEquals(0, pid(p.service("web")));
    }
}
