package dev.tend.daemon.core;

import dev.tend.daemon.store.SqliteStore;
import dev.tend.daemon.store.StoreWrites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user was told of is what the next daemon finds: a change of desired state is saved before it is made, and
 * one the store cannot take (a full disk) is said as such, never reported done and undone at the next start.
 */
class DesiredStateOnDiskTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        StoreWrites.allow(h.store);
        h.close();
    }

    private SupervisorException failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(SupervisorException.class, e.getCause(), e.toString());
    }

    /** The desired state the next daemon reads: the file, opened anew. */
    private Map<String, Boolean> onDisk(String project) {
        try (SqliteStore again = SqliteStore.open(dir.resolve("tend.db"))) {
            return again.desired().getOrDefault(project, Map.of());
        }
    }

    @Test
    void aStopTheStoreCannotSaveStillStopsAndSaysTheNextDaemonWouldStartItAgain() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        StoreWrites.refuse(h.store);

        SupervisorException e = failure(h.sup.stop("p", "web"));
        assertEquals(SupervisorException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("stop p/web: done, but not saved ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): a daemon started before that is fixed starts it again"), e.getMessage());
        assertEquals(ServiceState.STOPPED, h.get("p", "web").state());
        assertFalse(h.get("p", "web").desired());
    }

    @Test
    void aStartTheStoreCannotSaveChangesNothing() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        StoreWrites.refuse(h.store);

        SupervisorException e = assertThrows(SupervisorException.class, () -> h.sup.up("p", List.of()));
        assertEquals(SupervisorException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("could not start p/web: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing changed"), e.getMessage());
        assertEquals(ServiceState.STOPPED, h.get("p", "web").state());
        assertFalse(h.get("p", "web").desired());
        StoreWrites.allow(h.store);
        assertEquals(Map.of(), onDisk("p"));
    }

    @Test
    void aDownTheStoreCannotSaveIsReportedAndTheDiskIsNotSaidToAgree() throws Exception {
        h.sup.register(h.project("p", service("a", "exec sleep 1000"), service("b", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        StoreWrites.refuse(h.store);

        SupervisorException e = failure(h.sup.down("p", List.of()));
        assertTrue(e.getMessage().startsWith("stop project p: done, but not saved ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("starts them again"), e.getMessage());
        StoreWrites.allow(h.store);
        assertEquals(Map.of("a", true, "b", true), onDisk("p"), "what the message said the next daemon reads");
    }

    @Test
    void anAdhocRemoveTheStoreCannotSaveChangesNothing() throws Exception {
        h.sup.run("scratch", "exec sleep 1000", dir, Map.of(), RestartMode.NO).get(20, TimeUnit.SECONDS);
        StoreWrites.refuse(h.store);

        SupervisorException e = assertThrows(SupervisorException.class, () -> h.sup.remove("scratch"));
        assertTrue(e.getMessage().startsWith("could not remove ad-hoc service scratch: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing changed"), e.getMessage());
        assertEquals(ServiceState.READY, h.get(Supervisor.ADHOC, "scratch").state());
    }

    @Test
    void aForgetTheStoreCannotSaveKeepsTheProjectRegistered() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        StoreWrites.refuse(h.store);

        SupervisorException e = failure(h.sup.forgetProject("p"));
        assertTrue(e.getMessage().startsWith("could not forget project p: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; its services are stopped, and it stays registered"), e.getMessage());
        assertTrue(h.sup.projects().stream().anyMatch(p -> p.name().equals("p")));
        assertEquals(ServiceState.STOPPED, h.get("p", "web").state());
    }

    @Test
    void aStopThatComesWhileARestartStopsIsTheNewerWordAndTheServiceStaysStopped() throws Exception {
        // it takes a second to stop: the stop request comes while the restart waits for it
        h.sup.register(h.project("p", service("slow", "trap 'sleep 1; exit 0' TERM; while true; do sleep 0.1; done")),
                Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        CompletableFuture<Void> restart = h.sup.restart("p", "slow");
        Harness.awaitTrue(() -> h.get("p", "slow").state() == ServiceState.STOPPING, "the restart's stop under way");
        CompletableFuture<Void> stop = h.sup.stop("p", "slow");

        SupervisorException e = failure(restart);
        assertEquals(SupervisorException.Kind.CONFLICT, e.kind());
        assertEquals("service p/slow was stopped by another request while it restarted; it stays stopped", e.getMessage());
        stop.get(20, TimeUnit.SECONDS);
        assertEquals(ServiceState.STOPPED, h.get("p", "slow").state());
        assertFalse(h.get("p", "slow").desired());
        assertEquals(Map.of("slow", false), onDisk("p"));
    }
}
