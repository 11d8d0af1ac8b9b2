package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.RunToken;
import dev.tend.daemon.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens across daemons: orphans of a dead daemon, desired state kept over a shutdown. */
class SupervisorRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void reapOrphansKillsARecordedChildButLeavesAReusedPidAlone() throws Exception {
        try (Harness h = new Harness(dir)) {
            ChildProcess orphan = h.launcher.launch("exec sleep 1000", dir, Map.of());
            ChildProcess stranger = h.launcher.launch("exec sleep 1000", dir, Map.of());
            h.track(orphan.pid());
            h.track(stranger.pid());
            try {
                h.store.putLiveChild(new StateStore.LiveChild("p", "web", orphan.pid(), orphan.startTime()));
                // Same pid, other start time: as if the pid had been reused by an unrelated process.
                h.store.putLiveChild(new StateStore.LiveChild("p", "other", stranger.pid(),
                        stranger.startTime().minus(Duration.ofHours(1))));

                assertEquals(1, h.sup.reapOrphans().get(60, TimeUnit.SECONDS));

                orphan.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(h.alive(orphan.pid()));
                assertTrue(h.alive(stranger.pid()), "a process that is not the recorded one is never touched");
                assertTrue(h.store.liveChildren().isEmpty());
                List<StateStore.HistoryRecord> history = h.sup.history("p", "web", 10);
                assertEquals("reaped", history.get(history.size() - 1).kind());
                assertEquals(orphan.pid(), history.get(history.size() - 1).pid());
            } finally {
                h.control.kill(Set.of(stranger.pid(), orphan.pid()));
            }
        }
    }

    @Test
    void reapOrphansKillsTheMarkedProcessesOfARecordedChildEvenWhenItsMainProcessIsGone() throws Exception {
        try (Harness h = new Harness(dir)) {
            String token = RunToken.random();
            // The daemon double fork; then the main process ends, as it would have while no daemon watched it.
            ChildProcess gone = h.launcher.launch("( setsid sh -c 'echo $$ > orphan.pid; exec sleep 1000' & ); "
                    + "while [ ! -s orphan.pid ]; do sleep 0.05; done", dir, Map.of(RunToken.VARIABLE, token));
            ChildProcess unmarked = h.launcher.launch("exec sleep 1000", dir, Map.of());
            ChildProcess otherRun = h.launcher.launch("exec sleep 1000", dir, Map.of(RunToken.VARIABLE, RunToken.random()));
            h.track(unmarked.pid());
            h.track(otherRun.pid());
            try {
                gone.onExit().get(10, TimeUnit.SECONDS);
                long orphan = h.track(Long.parseLong(Files.readString(dir.resolve("orphan.pid")).trim()));
                h.store.putLiveChild(new StateStore.LiveChild("p", "web", gone.pid(), gone.startTime(), token));

                assertEquals(1, h.sup.reapOrphans().get(60, TimeUnit.SECONDS));

                Harness.awaitTrue(() -> !h.alive(orphan), "the marked orphan to be killed");
                assertTrue(h.alive(unmarked.pid()) && h.alive(otherRun.pid()),
                        "processes without this run's token are never touched");
                assertTrue(h.store.liveChildren().isEmpty());
                List<StateStore.HistoryRecord> history = h.sup.history("p", "web", 1);
                assertEquals("reaped", history.get(0).kind());
            } finally {
                h.control.kill(Set.of(unmarked.pid(), otherRun.pid()));
            }
        }
    }

    @Test
    void reapOrphansKillsTheProcessesOfALaunchWhoseForkHadNotReturnedWhenTheDaemonDied() throws Exception {
        try (Harness h = new Harness(dir)) {
            String token = RunToken.random();
            // On record before the fork (pid 0): the daemon died before it learnt the pid, the child lives on.
            h.store.putLiveChild(StateStore.LiveChild.launching("p", "web", token, null, null));
            ChildProcess child = h.launcher.launch("exec sleep 1000", dir, Map.of(RunToken.VARIABLE, token));
            h.track(child.pid());

            assertEquals(1, h.sup.reapOrphans().get(60, TimeUnit.SECONDS));

            child.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(h.store.liveChildren().isEmpty());
            List<StateStore.HistoryRecord> history = h.sup.history("p", "web", 1);
            assertEquals("reaped", history.get(0).kind());
            assertTrue(history.get(0).reason().contains("which stopped while starting it"), history.toString());
        }
    }

    @Test
    void aRecordedChildThatEndedUnwatchedGetsItsEndInTheHistory() throws Exception {
        try (Harness h = new Harness(dir)) {
            ChildProcess gone = h.launcher.launch("exit 0", dir, Map.of());
            gone.onExit().get(10, TimeUnit.SECONDS);
            h.store.putLiveChild(new StateStore.LiveChild("p", "web", gone.pid(), gone.startTime(), RunToken.random()));

            assertEquals(0, h.sup.reapOrphans().get(60, TimeUnit.SECONDS));

            List<StateStore.HistoryRecord> history = h.sup.history("p", "web", 1);
            assertEquals("reaped", history.get(0).kind());
            assertEquals(gone.pid(), history.get(0).pid());
            assertTrue(h.store.liveChildren().isEmpty());
        }
    }

    @Test
    void reapOrphansKillsADetachedGrandchildOfARecordedChildThatStillRuns() throws Exception {
        try (Harness h = new Harness(dir)) {
            String token = RunToken.random();
            ChildProcess main = h.launcher.launch("( setsid sh -c 'trap \"\" TERM; echo $$ > orphan.pid; exec sleep 1000' & ); "
                    + "exec sleep 1000", dir, Map.of(RunToken.VARIABLE, token));
            h.track(main.pid());
            Harness.awaitTrue(() -> readPid(dir.resolve("orphan.pid")) > 0, "the orphan's pid file");
            long orphan = h.track(readPid(dir.resolve("orphan.pid")));
            h.store.putLiveChild(new StateStore.LiveChild("p", "web", main.pid(), main.startTime(), token));

            assertEquals(1, h.sup.reapOrphans().get(60, TimeUnit.SECONDS));

            main.onExit().get(10, TimeUnit.SECONDS);
            Harness.awaitTrue(() -> !h.alive(orphan), "the orphan, which ignores SIGTERM, to be killed");
        }
    }

    @Test
    void anOrphanGetsItsOwnStopSignalAndItsServiceStartsOnlyOnceItIsGone() throws Exception {
        try (Harness h = new Harness(dir)) {
            // Ignores SIGTERM; on SIGUSR1 takes its time to clean up, as a real service would.
            ChildProcess orphan = h.launcher.launch("trap '' TERM; trap 'sleep 1; echo $$ > usr1.txt; exit 0' USR1; "
                    + "echo armed > armed.txt; while :; do sleep 0.1; done", dir, Map.of());
            h.track(orphan.pid());
            Harness.awaitTrue(() -> Files.exists(dir.resolve("armed.txt")), "the orphan's traps");
            h.store.putLiveChild(new StateStore.LiveChild("p", "web", orphan.pid(), orphan.startTime(), null,
                    dev.tend.daemon.core.process.Signal.USR1, Duration.ofSeconds(60)));

            var reaped = h.sup.reapOrphans();
            h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
            h.sup.up("p", List.of("web")).get(60, TimeUnit.SECONDS);

            assertTrue(Files.exists(dir.resolve("usr1.txt")), "the orphan had its SIGUSR1 and finished before web started");
            assertEquals(Long.toString(orphan.pid()), Files.readString(dir.resolve("usr1.txt")).trim());
            assertEquals(1, reaped.get(60, TimeUnit.SECONDS));
            List<StateStore.HistoryRecord> history = h.sup.history("p", "web", 10);
            assertTrue(history.stream().anyMatch(r -> r.kind().equals("reaped") && r.reason().contains("SIGUSR1")),
                    history.toString());
        }
    }

    @Test
    void aTaskDoneStaysDoneForTheNextDaemonAndItsDependentStartsWithoutRunningItAgain() throws Exception {
        Path db = dir.resolve("tend.db");
        ServiceSpec migrate = Harness.withRestart(service("migrate", "echo ran >> runs.txt"), RestartMode.NO, 0);
        ServiceSpec api = new ServiceSpec("api", "exec sleep 1000", null, Map.of(),
                List.of(new Dependency("migrate", Dependency.Condition.COMPLETED_SUCCESSFULLY)), null,
                RestartMode.ON_FAILURE, 2, dev.tend.daemon.core.process.Signal.TERM, java.time.Duration.ofSeconds(10),
                false, 0);
        try (Harness h = new Harness(dir, SqliteStore.open(db))) {
            h.sup.register(h.project("p", migrate, api), Map.of());
            h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
            h.sup.shutdown().get(30, TimeUnit.SECONDS);
        }
        try (Harness next = new Harness(dir, SqliteStore.open(db))) {
            next.sup.register(next.project("p", migrate, api), Map.of());
            assertEquals(ServiceState.COMPLETED, next.get("p", "migrate").state(), "done, as the last daemon left it");
            assertEquals(0, next.get("p", "migrate").exitCode());
            next.sup.restoreDesired().get(20, TimeUnit.SECONDS);
            next.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
            assertEquals(ServiceState.READY, next.get("p", "api").state());
            assertEquals(List.of("ran"), Files.readAllLines(dir.resolve("runs.txt")), "the task ran once");
        }
    }

    @Test
    void shutdownStopsEverythingButKeepsDesiredStateForTheNextDaemon() throws Exception {
        Path db = dir.resolve("tend.db");
        long firstPid;
        try (Harness h = new Harness(dir, SqliteStore.open(db))) {
            h.sup.register(h.project("p", service("db", "exec sleep 1000"), service("api", "exec sleep 1000", "db"),
                    service("idle", "exec sleep 1000")), Map.of());
            h.sup.up("p", List.of("api")).get(20, TimeUnit.SECONDS);
            firstPid = h.get("p", "api").pid();
            h.sup.shutdown().get(30, TimeUnit.SECONDS);
            assertFalse(h.alive(firstPid));
            assertFalse(h.alive(firstPid));
            assertEquals(Map.of("db", true, "api", true), h.store.desired().get("p"));
            assertTrue(h.store.liveChildren().isEmpty());
            assertTrue(h.firstIndex("api", ServiceState.STOPPED) < h.firstIndex("db", ServiceState.STOPPING),
                    "dependents stop first at shutdown too");
        }
        try (Harness next = new Harness(dir, SqliteStore.open(db))) {
            next.sup.register(next.project("p", service("db", "exec sleep 1000"), service("api", "exec sleep 1000", "db"),
                    service("idle", "exec sleep 1000")), Map.of());
            next.sup.restoreDesired().get(20, TimeUnit.SECONDS);
            assertEquals(ServiceState.READY, next.get("p", "api").state());
            assertEquals(ServiceState.READY, next.get("p", "db").state());
            assertEquals(ServiceState.STOPPED, next.get("p", "idle").state());
            assertTrue(next.get("p", "api").pid() != firstPid);
        }
    }

    @Test
    void aFailedServiceStaysFailedAndAnAutoPortIsKeptForTheNextDaemon() throws Exception {
        Path db = dir.resolve("tend.db");
        ServiceSpec bad = withRestart(service("bad", "exit 1"), RestartMode.ON_FAILURE, 1);
        ServiceSpec web = Harness.withProbe(service("web", "exec sleep 1000"), null, true);
        String reason;
        int port;
        long starts;
        try (Harness h = new Harness(dir, SqliteStore.open(db))) {
            h.sup.register(h.project("p", bad, web), Map.of());
            h.sup.up("p", List.of("web"));
            h.sup.up("p", List.of("bad"));
            reason = h.await("p", "bad", ServiceState.FAILED).reason();
            port = h.await("p", "web", ServiceState.READY).port();
            assertTrue(port > 0);
            starts = starts(h, "bad");
        }
        try (Harness next = new Harness(dir, SqliteStore.open(db))) {
            next.sup.register(next.project("p", bad, web), Map.of());
            next.sup.restoreDesired();
            assertEquals(port, next.await("p", "web", ServiceState.READY).port(), "the same auto port");
            ServiceSnapshot failed = next.get("p", "bad");
            assertEquals(ServiceState.FAILED, failed.state());
            assertEquals(reason, failed.reason());
            // web's min_uptime has passed: a restored start of bad would be in its history by now
            assertEquals(starts, starts(next, "bad"), "no new attempt");
        }
    }

    @Test
    void adhocServicesComeBackWithTheNextDaemon() throws Exception {
        Path db = dir.resolve("tend.db");
        try (Harness h = new Harness(dir, SqliteStore.open(db))) {
            h.sup.run("scratch", "exec sleep 1000", dir, Map.of("X", "1"), RestartMode.ALWAYS).get(20, TimeUnit.SECONDS);
        }
        try (Harness next = new Harness(dir, SqliteStore.open(db))) {
            next.sup.restoreAdhoc();
            next.sup.restoreDesired().get(20, TimeUnit.SECONDS);
            ServiceSnapshot s = next.get(Supervisor.ADHOC, "scratch");
            assertEquals(ServiceState.READY, s.state());
        }
    }

    private static long starts(Harness h, String service) {
        return h.sup.history("p", service, 100).stream().filter(r -> r.kind().equals("started")).count();
    }

    private static long readPid(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            return text.endsWith("\n") ? Long.parseLong(text.trim()) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }
}
