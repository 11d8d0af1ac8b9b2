package dev.tend.daemon.project;

import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `alive:` and `max_memory:` of a service: read with their defaults, or refused with the line and why. */
class HealthKeysTest {

    @TempDir
    Path dir;

    /** The service's keys start on line 4. */
    private ServiceSpec load(String keys) throws Exception {
        return ServiceKeys.load(dir, keys);
    }

    private void assertRejected(String keys, int line, String fragment) {
        ServiceKeys.assertRejected(dir, keys, line, fragment);
    }

    @Test
    void aliveAndMaxMemoryAreRead() throws Exception {
        ServiceSpec s = load("""
                    port: 8080
                    alive: { http: "http://127.0.0.1:$PORT/health", interval: 5s, timeout: 2s, failures: 4 }
                    max_memory: 512M
                """);
        Health.Alive alive = s.health().alive();
        assertEquals(new ProbeSpec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:$PORT/health", Duration.ofSeconds(5), null,
                Duration.ofSeconds(2)), alive.probe());
        assertEquals(4, alive.failures());
        assertEquals(512L << 20, s.health().maxMemoryBytes());
    }

    @Test
    void aliveHasDefaultsAndNeitherKeyMeansNone() throws Exception {
        Health.Alive alive = load("    alive: { tcp: 5432 }\n").health().alive();
        assertEquals(Health.Alive.DEFAULT_INTERVAL, alive.interval());
        assertEquals(Health.Alive.DEFAULT_TIMEOUT, alive.timeout());
        assertEquals(Health.Alive.DEFAULT_FAILURES, alive.failures());
        assertSame(Health.NONE, load("").health());
    }

    @Test
    void aliveTargetsTakeVariablesAsReadyTargetsDo() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  api:
                    command: ./run
                    alive: { http: "http://${HOST}:${API_PORT:-8080}/live", exec: "${CHECK}" }
                """);
        ProjectFileException both = assertThrows(ProjectFileException.class,
                () -> ProjectFiles.load(dir, java.util.Map.of("HOST", "h", "CHECK", "true")));
        assertTrue(both.reason().contains("has both http and exec"), both.getMessage());
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  api:
                    command: ./run
                    alive: { http: "http://${HOST}:${API_PORT:-8080}/live" }
                """);
        ServiceSpec api = ProjectFiles.load(dir, java.util.Map.of("HOST", "127.0.0.1")).services().get("api");
        assertEquals("http://127.0.0.1:8080/live", api.health().alive().probe().target());
    }

    @Test
    void badAliveValuesAreRefusedWithTheirLine() {
        assertRejected("    alive: { http: 3 }\n", 4, "bad url '3'");
        assertRejected("    alive: { exec: ./check, failures: 0 }\n", 4, "failures must be at least 1");
        assertRejected("    alive:\n      exec: ./check\n      failures: -2\n", 6, "cannot be negative");
        assertRejected("    alive: { log: started }\n", 4, "a log line cannot tell that a process still works");
        assertRejected("    alive: { interval: 5s }\n", 4, "needs one of tcp, http or exec");
        assertRejected("    alive: yes\n", 4, "a map like { http: http://127.0.0.1:8080/health }");
        assertRejected("    alive: { tcp: 1, retries: 3 }\n", 4, "unknown key 'retries' in the alive probe");
        assertRejected("    alive: { tcp: $PORT }\n", 4, "has no port");
        assertRejected("    alive: { exec: ./check, interval: 0s }\n", 4, "more than zero");
    }

    @Test
    void badMaxMemoryIsRefusedWithItsLineAndTheUnits() {
        assertRejected("    max_memory: lots\n", 4, "bad max_memory 'lots' is not a size");
        assertRejected("    max_memory: 512\n", 4, "did you mean 512MiB?");
        assertRejected("    max_memory: 0M\n", 4, "leave max_memory out for no limit");
    }
}
