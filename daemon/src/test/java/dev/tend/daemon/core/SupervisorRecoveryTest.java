package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
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

                assertEquals(1, h.sup.reapOrphans());

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
            assertTrue(h.firstSeq("api", ServiceState.STOPPED) < h.firstSeq("db", ServiceState.STOPPING),
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
}
