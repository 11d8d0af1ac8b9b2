package dev.tend.daemon.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Copies in the supervisor: a group's name starts every copy; scale changes the count and keeps it in the store. */
class SupervisorReplicasTest {
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

    private ProjectSpec shop(int replicas) {
        return h.project("shop", Harness.service("api", "exec sleep 1000")).withReplicas(Map.of("api", replicas));
    }

    private List<String> names() {
        return h.sup.list("shop").stream().map(ServiceSnapshot::name).toList();
    }

    @Test
    void upByTheGroupsNameStartsEveryCopy() throws Exception {
        h.sup.register(shop(2), Map.of());
        h.sup.up("shop", List.of("api")).get(30, TimeUnit.SECONDS);
        assertEquals(ServiceState.READY, h.get("shop", "api#1").state());
        assertEquals(ServiceState.READY, h.get("shop", "api#2").state());
        SupervisorException e = assertThrows(SupervisorException.class, () -> h.sup.up("shop", List.of("ap")));
        assertEquals(SupervisorException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void scaleKeepsTheCountInTheStoreUntilTheFileChangesIt() throws Exception {
        h.sup.register(shop(2), Map.of());
        h.sup.up("shop", List.of()).get(30, TimeUnit.SECONDS);
        long first = h.get("shop", "api#1").pid();

        h.sup.scale("shop", "api", 3);
        h.await("shop", "api#3", ServiceState.READY);
        assertEquals(Map.of("shop", Map.of("api", new Replicas.Scaled(3, 2))), h.store.scales());

        h.sup.register(shop(2), Map.of()); // the same file read again (a reload, a new daemon): the scale holds
        assertEquals(List.of("api#1", "api#2", "api#3"), names());
        assertEquals(first, h.get("shop", "api#1").pid());

        h.sup.register(shop(1), Map.of()); // the file's replicas changed: it wins, and the kept scale is gone
        assertEquals(List.of("api#1"), names());
        assertEquals(first, h.get("shop", "api#1").pid());
        assertEquals(Map.of(), h.store.scales());
    }
}
