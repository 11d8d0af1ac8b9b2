package dev.tend.daemon.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** autostart: false (process-compose's disabled: true): registered, started by name or as a dependency only. */
class SupervisorAutostartTest {

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

    private static ServiceSpec manual(ServiceSpec s) {
        return s.withAutostart(false);
    }

    @Test
    void upOfTheProjectLeavesAManualServiceStoppedAndAStartByNameRunsIt() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000"), manual(service("seed", "exec sleep 1000"))),
                Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);
        assertEquals(ServiceState.READY, h.get("p", "web").state());
        assertEquals(ServiceState.STOPPED, h.get("p", "seed").state());

        h.sup.start("p", "seed").get(30, TimeUnit.SECONDS);
        assertEquals(ServiceState.READY, h.get("p", "seed").state());
    }

    @Test
    void aProjectOfManualServicesOnlyStartsNothingOnUp() throws Exception {
        h.sup.register(h.project("p", manual(service("a", "exec sleep 1000")), manual(service("b", "exec sleep 1000"))),
                Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);
        assertEquals(ServiceState.STOPPED, h.get("p", "a").state());
        assertEquals(ServiceState.STOPPED, h.get("p", "b").state());
    }

    @Test
    void aStartingServiceBringsUpTheManualServiceItDependsOn() throws Exception {
        h.sup.register(h.project("p", manual(service("db", "exec sleep 1000")), service("api", "exec sleep 1000", "db")),
                Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);
        assertEquals(ServiceState.READY, h.get("p", "db").state());
        assertEquals(ServiceState.READY, h.get("p", "api").state());
    }

    @Test
    void aManualServiceAddedByReloadIsNotStartedAndTurningAutostartOffStopsNothing() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);
        long pid = h.get("p", "web").pid();

        h.sup.reload(h.project("p", manual(service("web", "exec sleep 1000")), manual(service("seed", "exec sleep 1000"))),
                Map.of());

        assertEquals(ServiceState.STOPPED, h.get("p", "seed").state());
        assertEquals(ServiceState.READY, h.get("p", "web").state());
        assertEquals(pid, h.get("p", "web").pid(), "autostart alone does not restart a running service");
    }

    @Test
    void aReloadChangingOnlyHowAServiceIsRestartedOrStoppedLeavesItRunningAndAppliesTheNewSettings() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);
        long pid = h.get("p", "web").pid();
        ServiceSpec changed = service("web", "exec sleep 1000").toBuilder().restart(RestartMode.ALWAYS).maxRestarts(9)
                .restartDelay(java.time.Duration.ofSeconds(3)).successExitCodes(java.util.Set.of(0, 4))
                .stopSignal(dev.tend.daemon.core.process.Signal.INT).stopTimeout(java.time.Duration.ofSeconds(2)).build();

        h.sup.reload(h.project("p", changed), Map.of());

        assertEquals(ServiceState.READY, h.get("p", "web").state(), "restart and stop settings alone stop nothing");
        assertEquals(pid, h.get("p", "web").pid(), "restart and stop settings alone do not restart a running service");
        assertEquals(changed, h.sup.spec("p", "web"), "they apply from now on");
        h.sup.reload(h.project("p", changed.toBuilder().command("exec sleep 999").build()), Map.of());
        Harness.awaitTrue(() -> h.get("p", "web").pid() != pid && h.get("p", "web").state() == ServiceState.READY,
                "a changed command restarts it");
    }
}
