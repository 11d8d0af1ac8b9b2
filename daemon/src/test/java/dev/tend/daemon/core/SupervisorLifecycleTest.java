package dev.tend.daemon.core;

import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.time.VirtualTimer;
import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisorLifecycleTest {

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
    void serviceWithoutProbeIsReadyOnceUpForMinUptimeAndStopMakesItStopped() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        ServiceSnapshot ready = h.get("p", "web");
        assertEquals(ServiceState.READY, ready.state());
        assertTrue(ready.pid() > 0);
        assertTrue(ready.desired());
        assertTrue(h.alive(ready.pid()));

        h.sup.stop("p", "web").get(20, TimeUnit.SECONDS);
        ServiceSnapshot stopped = h.get("p", "web");
        assertEquals(ServiceState.STOPPED, stopped.state());
        assertEquals(0, stopped.pid());
        assertFalse(stopped.desired());
        assertFalse(h.alive(ready.pid()));
        // Listeners hear of a change after the lock is released, so the last event may follow the stop's future.
        Harness.awaitTrue(() -> h.timeline.lastIndexOf("state:web:stopped") > h.timeline.indexOf("state:web:stopping"),
                "the stopped event after stopping");
        List<ServiceState> states = new java.util.ArrayList<>();
        for (ServiceSnapshot e : h.eventsOf("web")) {
            if (states.isEmpty() || states.get(states.size() - 1) != e.state()) {
                states.add(e.state());
            }
        }
        assertEquals(List.of(ServiceState.STOPPED, ServiceState.STARTING, ServiceState.RUNNING, ServiceState.READY,
                ServiceState.STOPPING, ServiceState.STOPPED), states);
        assertTrue(Duration.between(ready.startedAt(), h.eventsOf("web").stream()
                        .filter(e -> e.state() == ServiceState.READY).findFirst().orElseThrow().stateSince())
                        .compareTo(ServiceSpec.DEFAULT_MIN_UPTIME) >= 0, "ready only after min_uptime");
        assertEquals(Map.of("web", false), h.store.desired().get("p"));
    }

    @Test
    void upFailsNamingAServiceThatCrashesBeforeItsMinUptimeEvenIfARestartIsComing() throws Exception {
        h.sup.register(h.project("p", service("flaky", "sleep 0.2; exit 3")), Map.of());
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SupervisorException, e.toString());
        assertEquals("service p/flaky exited 3 (restarting)", e.getCause().getMessage());
    }

    @Test
    void forgetProjectStopsItsServicesAndUnregistersItKeepingHistoryUntilPurged() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), "services: {}\n");
        h.sup.register(h.project("p", service("db", "exec sleep 1000"), service("web", "exec sleep 1000", "db")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long web = h.get("p", "web").pid();
        long db = h.get("p", "db").pid();

        assertEquals(List.of("db", "web"), h.sup.forgetProject("p").get(20, TimeUnit.SECONDS));
        assertFalse(h.alive(web));
        assertFalse(h.alive(db));
        assertTrue(h.sup.projects().isEmpty());
        assertTrue(h.store.projects().isEmpty(), "gone from the store: it does not come back with the next daemon");
        assertFalse(h.store.history("p", "web", 100).isEmpty(), "history is kept");
        assertTrue(Files.exists(dir.resolve("logs/p/web.log")), "logs are kept");
        Harness.awaitTrue(() -> h.timeline.contains("removed:p"), "the project.removed event");

        h.sup.purgeProject("p");
        assertTrue(h.store.history("p", "web", 100).isEmpty());
        assertFalse(Files.exists(dir.resolve("logs/p")), "the log directory is gone");
    }

    @Test
    void aProjectWhoseFileCannotBeLoadedIsKeptWithItsProblemUntilItLoadsAgain() throws Exception {
        Path file = dir.resolve("tend.yaml");
        h.sup.registerUnloadable(new StateStore.ProjectRecord("p", dir, file, Map.of()), "its file cannot be loaded: x");
        assertEquals("its file " + file + " is gone", h.sup.projects().get(0).problem(), "a missing file says so");
        Files.writeString(file, "services: {}\n");
        Harness.awaitTrue(() -> h.timeline.contains("project:p:its file cannot be loaded: x"),
                "a file put back while the daemon runs is told to the peers");
        assertEquals("its file cannot be loaded: x", h.sup.projects().get(0).problem());
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        assertNull(h.sup.projects().get(0).problem(), "registered afresh, it is fine");
        h.timeline.clear(); // the first event told of the missing file already
        Files.delete(file);
        Harness.awaitTrue(() -> h.timeline.contains("project:p:its file " + file + " is gone"),
                "a file deleted while the daemon runs is told to the peers");
    }

    @Test
    void cleanExitWithOnFailureEndsExitedWithLastLinesOnDisk() throws Exception {
        h.sup.register(h.project("p", service("job", "echo last-words; exit 0")), Map.of());
        h.sup.up("p", List.of());
        ServiceSnapshot s = h.await("p", "job", ServiceState.EXITED);
        assertEquals(0, s.exitCode());
        assertNull(s.signal());
        assertEquals(0, s.restarts());
        assertTrue(Files.readString(h.sup.logFile("p", "job")).contains("last-words"),
                "the last line is in the log file when the exit is declared");
        Harness.awaitTrue(() -> h.timeline.contains("state:job:exited"), "the exited event");
        int line = h.timeline.indexOf("log:job:last-words");
        assertTrue(line >= 0 && line < h.timeline.indexOf("state:job:exited"),
                "listeners get the last line before the exit: " + h.timeline);
    }

    @Test
    void childGetsTendVariablesAndAnAutoPort() throws Exception {
        ServiceSpec spec = Harness.withProbe(service("web",
                "echo \"env=$TEND_PROJECT/$TEND_SERVICE/$TEND_INSTANCE/$PORT/$GREETING\"; exec sleep 1000"), null, true);
        h.sup.register(h.project("p", spec), Map.of("GREETING", "hi", "PATH", System.getenv("PATH")));
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        int port = h.get("p", "web").port();
        assertTrue(port > 0, "ps shows the auto port");
        Harness.awaitTrue(() -> read(h.sup.logFile("p", "web")).contains("env=p/web/test/" + port + "/hi"),
                "the child's environment line in its log");
    }

    @Test
    void crashRestartsAtOnceAfterKillMinus9() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long first = h.get("p", "web").pid();
        h.control.kill(java.util.Set.of(first));
        ServiceSnapshot again = h.awaitThat("p", "web",
                s -> s.state() == ServiceState.READY && s.pid() != first && s.pid() > 0, "a new READY process");
        assertEquals(1, again.restarts());
        assertTrue(h.sup.history("p", "web", 10).stream()
                .anyMatch(r -> r.kind().equals("crashed") && "SIGKILL".equals(r.signal()) && r.pid() == first));
        assertTrue(h.eventsOf("web").stream().anyMatch(s -> s.state() == ServiceState.CRASHED));
    }

    @Test
    void quickCrashesBackOffThenFailAndUpWaitReportsIt() throws Exception {
        Path ok = dir.resolve("ok");
        // The log probe makes `up` wait for the service to be up for real, not just launched.
        ServiceSpec flaky = Harness.withProbe(service("flaky", "test -f '" + ok + "' || exit 3; echo serving; exec sleep 1000"),
                new ProbeSpec(ProbeSpec.Kind.LOG, "serving", null, null), false);
        h.sup.register(h.project("p", flaky), Map.of());
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SupervisorException se && se.kind() == SupervisorException.Kind.FAILED,
                e.toString());
        ServiceSnapshot failed = h.await("p", "flaky", ServiceState.FAILED);
        assertEquals(2, failed.restarts());
        assertEquals("exited 3 after 2 quick restarts", failed.reason());
        assertEquals(3, failed.exitCode());
        assertTrue(h.eventsOf("flaky").stream().anyMatch(s -> s.state() == ServiceState.BACKOFF),
                "the second quick restart waits in backoff");
        List<String> kinds = h.sup.history("p", "flaky", 50).stream().map(StateStore.HistoryRecord::kind).toList();
        assertEquals(3, kinds.stream().filter("started"::equals).count(), kinds.toString());
        assertEquals(3, kinds.stream().filter("crashed"::equals).count(), kinds.toString());
        assertEquals(2, kinds.stream().filter("restarting"::equals).count(), kinds.toString());
        assertEquals("failed", kinds.get(kinds.size() - 1));

        // Started by hand, a FAILED service gets a fresh count.
        Files.createFile(ok);
        h.sup.start("p", "flaky").get(20, TimeUnit.SECONDS);
        ServiceSnapshot back = h.get("p", "flaky");
        assertEquals(ServiceState.READY, back.state());
        assertEquals(0, back.restarts());
    }

    @Test
    void restartModeNoLeavesACrashedServiceDown() throws Exception {
        h.close();
        VirtualTimer timer = new VirtualTimer();
        h = new Harness(dir, timer);
        h.sup.register(h.project("p", withRestart(service("once", "exit 7"), RestartMode.NO, 5)), Map.of());
        h.sup.up("p", List.of());
        ServiceSnapshot s = h.await("p", "once", ServiceState.COMPLETED);
        assertEquals(7, s.exitCode());

        timer.advance(Duration.ofHours(1)); // past any backoff the policy could have asked for

        assertEquals(ServiceState.COMPLETED, h.get("p", "once").state());
        assertEquals(0, h.get("p", "once").restarts());
        assertEquals(0, timer.pending(), "no restart is waiting");
    }

    @Test
    void aRestartDelayHoldsEvenTheFirstRestartInBackoffUntilItPasses() throws Exception {
        h.close();
        VirtualTimer timer = new VirtualTimer();
        h = new Harness(dir, timer);
        Path ok = dir.resolve("ok");
        ServiceSpec svc = withRestart(service("web", "test -f '" + ok + "' || exit 3; exec sleep 1000"),
                RestartMode.ON_FAILURE, 5).withRestartDelay(Duration.ofSeconds(7));
        h.sup.register(h.project("p", svc), Map.of());
        h.sup.up("p", List.of());

        ServiceSnapshot waiting = h.await("p", "web", ServiceState.BACKOFF);
        assertEquals("restarting in 7s", waiting.reason());
        java.nio.file.Files.createFile(ok);
        timer.advance(Duration.ofSeconds(7));
        h.awaitThat("p", "web", s -> s.state() == ServiceState.RUNNING && s.restarts() == 1, "restarted once");
    }

    @Test
    void signalReachesTheProcessGroup() throws Exception {
        h.sup.register(h.project("p", withRestart(service("web", "exec sleep 1000"), RestartMode.NO, 0)), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        h.sup.signal("p", "web", Signal.USR1, true);
        ServiceSnapshot s = h.await("p", "web", ServiceState.CRASHED);
        assertEquals("SIGUSR1", s.signal());
    }

    @Test
    void adhocServiceRunsIsPersistedAndRemoved() throws Exception {
        h.sup.run("scratch", "exec sleep 1000", dir, Map.of(), RestartMode.NO).get(20, TimeUnit.SECONDS);
        long pid = h.get(Supervisor.ADHOC, "scratch").pid();
        assertEquals(List.of("scratch"), h.store.adhocServices().stream().map(StateStore.AdhocRecord::name).toList());
        SupervisorException conflict = org.junit.jupiter.api.Assertions.assertThrows(SupervisorException.class,
                () -> h.sup.run("scratch", "true", dir, Map.of(), RestartMode.NO));
        assertEquals(SupervisorException.Kind.CONFLICT, conflict.kind());

        h.sup.remove("scratch").get(20, TimeUnit.SECONDS);
        assertFalse(h.alive(pid));
        assertTrue(h.store.adhocServices().isEmpty());
        assertTrue(h.sup.list(Supervisor.ADHOC).isEmpty());
        SupervisorException missing = org.junit.jupiter.api.Assertions.assertThrows(SupervisorException.class,
                () -> h.sup.remove("scratch"));
        assertEquals(SupervisorException.Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void unknownServiceIsNotFound() {
        h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
        SupervisorException e = org.junit.jupiter.api.Assertions.assertThrows(SupervisorException.class,
                () -> h.sup.up("p", List.of("nope")));
        assertEquals(SupervisorException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("web"), e.getMessage());
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
