package dev.tend.daemon.core;

import dev.tend.daemon.core.probe.ProbeSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withProbe;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** depends_on order on the way up and down, readiness probes, reload. */
class SupervisorDependencyTest {

    /** Listens on the port given after sleeping the given milliseconds: a service that is slow to be ready. */
    private static final String LISTENER = """
            public class Listener {
                public static void main(String[] args) throws Exception {
                    Thread.sleep(Long.parseLong(args[1]));
                    try (var server = new java.net.ServerSocket(Integer.parseInt(args[0]))) {
                        while (true) {
                            server.accept().close();
                        }
                    }
                }
            }
            """;

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
    void dependentStartsOnlyAfterItsDependencyPassedItsTcpProbe() throws Exception {
        Files.writeString(dir.resolve("Listener.java"), LISTENER);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServiceSpec db = withProbe(service("db", "exec '" + java + "' Listener.java $PORT 500"),
                new ProbeSpec(ProbeSpec.Kind.TCP, "", Duration.ofMillis(100), Duration.ofSeconds(60)), true);
        ServiceSpec api = service("api", "exec sleep 1000", "db");
        h.sup.register(h.project("shop", db, api), Map.of());

        h.sup.up("shop", List.of("api")).get(90, TimeUnit.SECONDS);

        assertEquals(ServiceState.READY, h.get("shop", "db").state(), "a requested service's dependency is started too");
        assertEquals(ServiceState.READY, h.get("shop", "api").state());
        assertTrue(h.eventsOf("db").stream().anyMatch(s -> s.state() == ServiceState.RUNNING),
                "db was running but not ready before its probe passed");
        assertTrue(h.eventsOf("api").stream().anyMatch(s -> "waiting for db".equals(s.reason())));
        int dbReady = h.firstIndex("db", s -> s.state() == ServiceState.READY);
        int apiLaunched = h.firstIndex("api", s -> s.pid() > 0);
        assertTrue(dbReady >= 0 && apiLaunched > dbReady, "api launched (event " + apiLaunched + ") after db ready (event "
                + dbReady + ")");
    }

    @Test
    void aDependentWaitingForAServiceThatWasStoppedSaysNothingStartsIt() throws Exception {
        ServiceSpec db = withProbe(service("db", "exec sleep 1000"),
                new ProbeSpec(ProbeSpec.Kind.EXEC, "false", Duration.ofMillis(100), Duration.ofSeconds(600)), false);
        h.sup.register(h.project("shop", db, service("api", "exec sleep 1000", "db")), Map.of());
        h.sup.up("shop", List.of("api"));
        Harness.awaitTrue(() -> "waiting for db".equals(h.get("shop", "api").reason()), "api waits for db");

        h.sup.stop("shop", "db").get(20, TimeUnit.SECONDS);
        Harness.awaitTrue(() -> "waiting for db (stopped, and nothing starts it)".equals(h.get("shop", "api").reason()),
                "api says that db will not come: " + h.get("shop", "api").reason());
        assertEquals(ServiceState.STARTING, h.get("shop", "api").state());
    }

    @Test
    void downStopsDependentsBeforeWhatTheyDependOn() throws Exception {
        h.sup.register(h.project("shop", service("db", "exec sleep 1000"), service("api", "exec sleep 1000", "db"),
                service("worker", "exec sleep 1000", "api")), Map.of());
        h.sup.up("shop", List.of()).get(20, TimeUnit.SECONDS);
        h.sup.down("shop", List.of()).get(20, TimeUnit.SECONDS);

        for (String s : List.of("db", "api", "worker")) {
            assertEquals(ServiceState.STOPPED, h.get("shop", s).state());
        }
        assertTrue(h.firstIndex("worker", ServiceState.STOPPED) < h.firstIndex("api", ServiceState.STOPPING));
        assertTrue(h.firstIndex("api", ServiceState.STOPPED) < h.firstIndex("db", ServiceState.STOPPING));
        assertEquals(Map.of("db", false, "api", false, "worker", false), h.store.desired().get("shop"));
    }

    @Test
    void probeThatNeverPassesStopsTheServiceAndCountsAsFailedStarts() throws Exception {
        int unusedPort;
        try (var s = new java.net.ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        ServiceSpec web = withRestart(withProbe(service("web", "exec sleep 1000"),
                new ProbeSpec(ProbeSpec.Kind.TCP, Integer.toString(unusedPort), Duration.ofMillis(50),
                        Duration.ofMillis(300)), false), RestartMode.ON_FAILURE, 1);
        h.sup.register(h.project("p", web), Map.of());

        ExecutionException e = assertThrows(ExecutionException.class, () -> h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("not ready within 300ms"), e.getCause().getMessage());
        ServiceSnapshot failed = h.await("p", "web", ServiceState.FAILED);
        assertEquals("not ready within 300ms (tcp 127.0.0.1:" + unusedPort + ") after 1 quick restart", failed.reason());
        assertEquals(1, failed.restarts());
        List<Long> pids = h.events.stream().map(x -> x.snapshot().pid()).filter(p -> p > 0).distinct().toList();
        assertEquals(2, pids.size(), "started twice: " + pids);
        pids.forEach(p -> assertFalse(h.alive(p)));
    }

    @Test
    void reloadRestartsOnlyChangedServicesStopsRemovedAndStartsAdded() throws Exception {
        h.sup.register(h.project("p", service("a", "exec sleep 1000"), service("b", "exec sleep 1000"),
                service("c", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long a = h.get("p", "a").pid();
        long b = h.get("p", "b").pid();
        long c = h.get("p", "c").pid();

        ServiceChanges r = h.sup.reload(h.project("p", service("a", "exec sleep 1000"), service("b", "exec sleep 1001"),
                service("d", "exec sleep 1000")), Map.of());

        assertEquals(List.of("d"), r.added());
        assertEquals(List.of("c"), r.removed());
        assertEquals(List.of("b"), r.changed());
        assertEquals(List.of("a"), r.unchanged());
        h.awaitThat("p", "b", s -> s.state() == ServiceState.READY && s.pid() != b, "b restarted");
        h.await("p", "d", ServiceState.READY);
        assertEquals(a, h.get("p", "a").pid(), "unchanged service keeps its process");
        assertEquals(List.of("a", "b", "d"), h.sup.list("p").stream().map(ServiceSnapshot::name).toList());
        Harness.awaitTrue(() -> !h.alive(c), "removed service's process to stop");
        assertFalse(h.alive(b));
    }

    @Test
    void aReloadAddingAServiceBeforeItsNewDependencyStartsTheDependencyFirst() throws Exception {
        h.sup.register(h.project("p", service("a", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);

        // api comes before its dependency db in the file, and both are new
        h.sup.reload(h.project("p", service("a", "exec sleep 1000"), service("api", "exec sleep 1000", "db"),
                service("db", "exec sleep 1000")), Map.of());

        h.await("p", "api", ServiceState.READY);
        int dbReady = h.firstIndex("db", ServiceState.READY);
        int apiLaunched = h.firstIndex("api", s -> s.pid() > 0);
        assertTrue(dbReady >= 0 && apiLaunched > dbReady, "api launched (event " + apiLaunched + ") after db ready (event "
                + dbReady + ")");
    }

    @Test
    void aReloadThatChangesOnlyHooksKeepsTheProcessAndTheNewHooksApply() throws Exception {
        ServiceSpec before = service("a", "exec sleep 1000");
        h.sup.register(h.project("p", before), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long pid = h.get("p", "a").pid();

        ServiceSpec after = before.withHooks("echo failed", "echo ready");
        ServiceChanges r = h.sup.reload(h.project("p", after), Map.of());

        assertEquals(List.of("a"), r.changed(), "a changed hook is a change");
        assertEquals(after, h.sup.spec("p", "a"), "the hooks that fire next are the new ones");
        assertEquals(pid, h.get("p", "a").pid(), "no restart for a hook");
        assertEquals(ServiceState.READY, h.get("p", "a").state());
    }
}
