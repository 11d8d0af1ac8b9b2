package dev.tend.daemon.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `port: auto` gives each service a port of its own, whether or not the others listen on theirs yet. */
class AutoPortsTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void aHundredFiftyServicesStartedTogetherThatNeverListenGetAHundredFiftyPorts() throws Exception {
        ServiceSpec[] specs = new ServiceSpec[150];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = Harness.withProbe(service("s" + i, "exec sleep 1000"), null, true);
        }
        h.sup.register(h.project("p", specs), Map.of());
        h.sup.up("p", List.of()).get(120, TimeUnit.SECONDS);

        Map<Integer, String> byPort = new HashMap<>();
        for (ServiceSnapshot s : h.sup.list("p")) {
            assertTrue(s.port() > 0, s.toString());
            String other = byPort.put(s.port(), s.name());
            assertEquals(null, other, "port " + s.port() + " given to both " + other + " and " + s.name());
        }
        assertEquals(150, byPort.size());
    }
}
