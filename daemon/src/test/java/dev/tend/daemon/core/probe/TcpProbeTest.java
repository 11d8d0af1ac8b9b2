package dev.tend.daemon.core.probe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tcp probe: which targets name a port, and what a check says. */
class TcpProbeTest {

    private static Probe tcp(String target, int servicePort) {
        ProbeContext ctx = new ProbeContext(servicePort, null, Map.of(), Duration.ofSeconds(1), null, null, null);
        return Probes.create(new ProbeSpec(ProbeSpec.Kind.TCP, target, null, null), ctx);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void portsFrom1To65535AreAcceptedAndNoOthers() {
        assertEquals("tcp 127.0.0.1:1", tcp("1", 0).describe());
        assertEquals("tcp 127.0.0.1:65535", tcp("65535", 0).describe());
        for (String bad : new String[] {"0", "65536", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tcp(bad, 8080), bad);
            assertEquals("tcp probe: no valid port in '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void aTargetThatIsNoPortIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tcp("db.local:pg", 0));
        assertEquals("tcp probe: 'db.local:pg' is not a port or host:port", e.getMessage());
    }

    @Test
    void aHostBeforeTheColonIsTheHostChecked() {
        assertEquals("tcp db.local:5432", tcp("db.local:5432", 0).describe());
        assertEquals("tcp 127.0.0.1:5432", tcp("5432", 0).describe());
    }

    @Test
    void noPortMeansTheServicePortAndDollarPortIsReplacedByIt() {
        assertEquals("tcp 127.0.0.1:8080", tcp("", 8080).describe());
        assertEquals("tcp 127.0.0.1:8080", tcp("  ", 8080).describe());
        assertEquals("tcp 127.0.0.1:8080", tcp("$PORT", 8080).describe());
        assertEquals("tcp localhost:8080", tcp("localhost:${PORT}", 8080).describe());
        assertEquals("tcp localhost:8080", tcp("localhost:", 8080).describe());
    }

    @Test
    void withoutAServicePortDollarPortIsEmptyNotZero() {
        assertEquals("http://127.0.0.1:/health", Probes.substitutePort("http://127.0.0.1:$PORT/health", 0));
        assertEquals("a1b1", Probes.substitutePort("a${PORT}b$PORT", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tcp("$PORT", 0));
        assertEquals("tcp probe: no valid port in '' and the service has no port", e.getMessage());
    }

    @Test
    void aListenerMakesTheCheckPassAndLeavesNoProblem() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Probe p = tcp(Integer.toString(s.getLocalPort()), 0);
            assertTrue(p.check());
            assertNull(p.lastProblem());
        }
    }

    @Test
    void anEmptyHostBeforeTheColonIsTheLoopback() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertTrue(tcp(":" + s.getLocalPort(), 0).check());
        }
    }

    @Test
    void aRefusedConnectionFailsAndSaysSo() throws Exception {
        Probe p = tcp(Integer.toString(closedPort()), 0);
        assertFalse(p.check());
        assertTrue(p.lastProblem().contains("refused"), p.lastProblem());
    }

    @Test
    void aProblemIsTheExceptionsMessageOrElseItsKind() {
        assertEquals("Connection refused", Probes.problem(new IOException("Connection refused")));
        assertEquals("SocketTimeoutException", Probes.problem(new java.net.SocketTimeoutException()));
        assertEquals("IOException", Probes.problem(new IOException(" ")));
        assertEquals("IOException", Probes.problem(new IOException("")));
    }
}
