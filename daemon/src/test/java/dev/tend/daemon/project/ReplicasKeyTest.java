package dev.tend.daemon.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `replicas:` of a service: a count from 1 to 64 read into the project, or refused with its line and why. */
class ReplicasKeyTest {

    @TempDir
    Path dir;

    private void assertRejected(String keys, int line, String fragment) {
        ServiceKeys.assertRejected(dir, keys, line, fragment);
    }

    @Test
    void replicasIsReadByService() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  api:
                    command: ./api
                    replicas: 3
                    port: auto
                  web:
                    command: ./web
                """);
        assertEquals(Map.of("api", 3), ProjectFiles.load(dir).replicas());
    }

    @Test
    void zeroNegativeJunkAndTooManyAreRefusedWithTheirLine() {
        assertRejected("    replicas: 0\n", 4, "replicas must be a whole number from 1 to 64, not 0");
        assertRejected("    replicas: -1\n", 4, "cannot be negative");
        assertRejected("    replicas: x\n", 4, "replicas must be a whole number, not 'x'");
        assertRejected("    replicas: 1000\n", 4, "from 1 to 64, not 1000");
    }

    @Test
    void copiesCannotShareAFixedPort() {
        assertRejected("    port: 8080\n    replicas: 2\n", 5, "2 copies cannot share the fixed port 8080");
    }
}
