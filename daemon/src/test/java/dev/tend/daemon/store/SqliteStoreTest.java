package dev.tend.daemon.store;

import dev.tend.daemon.core.StateStore;

import dev.tend.daemon.core.Replicas;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.StateStore.AdhocRecord;
import dev.tend.daemon.core.StateStore.HistoryRecord;
import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.StateStore.ProjectRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteStoreTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    @TempDir
    Path dir;
    private Path dbFile;
    private SqliteStore store;

    @BeforeEach
    void openStore() {
        dbFile = dir.resolve("tend.db");
        store = SqliteStore.open(dbFile);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void reopen() {
        store.close();
        store = SqliteStore.open(dbFile);
    }

    private static ProjectRecord project(String name, Map<String, String> env) {
        return new ProjectRecord(name, Path.of("/src", name), Path.of("/src", name, "tend.yaml"), env);
    }

    private static HistoryRecord event(String project, String service, int n) {
        return new HistoryRecord(project, service, T0.plusMillis(n), "exited", 1000 + n, n, null, "event " + n);
    }

    @Test
    void projectRoundTripsWithItsEnvironmentInOrder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("A_TOKEN", "s3cr\"et\nline");
        env.put("EMPTY", "");
        store.putProject(project("web", env));

        List<ProjectRecord> projects = store.projects();

        assertEquals(List.of(project("web", env)), projects);
        assertEquals(List.of("PATH", "A_TOKEN", "EMPTY"), new ArrayList<>(projects.get(0).baseEnv().keySet()));
    }

    @Test
    void aProjectKeepsTheFilesMergedOverItsFileInOrder() {
        ProjectRecord merged = new ProjectRecord("web", Path.of("/src/web"), Path.of("/src/web/base.yaml"), Map.of(),
                List.of(Path.of("/src/web/local.yaml"), Path.of("/src/web/a b.yaml")));
        store.putProject(merged);
        reopen();

        assertEquals(List.of(merged), store.projects());
    }

    @Test
    void puttingAProjectAgainReplacesIt() {
        store.putProject(project("web", Map.of("A", "1")));
        ProjectRecord moved = new ProjectRecord("web", Path.of("/elsewhere"), Path.of("/elsewhere/Procfile"), Map.of("B", "2"));

        store.putProject(moved);

        assertEquals(List.of(moved), store.projects());
    }

    @Test
    void removeProjectLeavesOtherProjectsAndTheProjectsOtherState() {
        store.putProject(project("api", Map.of()));
        store.putProject(project("web", Map.of()));
        store.setDesired("web", "server", true);

        store.removeProject("web");

        assertEquals(List.of(project("api", Map.of())), store.projects());
        assertEquals(Map.of("web", Map.of("server", true)), store.desired());
    }

    @Test
    void adhocServicesRoundTripAndCanBeRemoved() {
        AdhocRecord tail = new AdhocRecord("tail", "tail -f /var/log/syslog", Path.of("/tmp"), Map.of("X", "y"), RestartMode.ALWAYS);
        AdhocRecord once = new AdhocRecord("once", "make build", Path.of("/src/x"), Map.of(), RestartMode.NO);
        store.putAdhoc(tail);
        store.putAdhoc(once);

        assertEquals(List.of(once, tail), store.adhocServices());

        store.removeAdhoc("once");

        assertEquals(List.of(tail), store.adhocServices());
    }

    @Test
    void adhocServiceWithoutEnvironmentIsStoredWithAnEmptyOne() {
        store.putAdhoc(new AdhocRecord("x", "true", Path.of("/"), null, RestartMode.ON_FAILURE));

        assertEquals(Map.of(), store.adhocServices().get(0).env());
    }

    @Test
    void aDesiredStateTheStoreRefusesNamesWhatItCouldNotSave() {
        StoreWrites.refuse(store);
        try {
            StoreException one = assertThrows(StoreException.class, () -> store.setDesired("web", "api", true));
            assertTrue(one.getMessage().contains(": cannot save the desired state of web/api: "), one.getMessage());
            StoreException two = assertThrows(StoreException.class,
                    () -> store.setDesired(Map.of("web", List.of("api", "db")), false));
            assertTrue(two.getMessage().contains(": cannot save the desired state of 2 services: "), two.getMessage());
        } finally {
            StoreWrites.allow(store);
        }
        store.setDesired(Map.of("web", List.of("api", "db"), "shop", List.of("x")), true);
        assertEquals(Map.of("web", Map.of("api", true, "db", true), "shop", Map.of("x", true)), store.desired());
    }

    @Test
    void aForgottenProjectsScaleGoesWithIt() {
        store.putProject(new ProjectRecord("web", Path.of("/srv/web"), Path.of("/srv/web/tend.yaml"), Map.of(), List.of()));
        store.setScale("web", "api", new Replicas.Scaled(3, 0));
        store.setScale("shop", "api", new Replicas.Scaled(4, 4));

        store.removeProject("web");

        assertEquals(Map.of("shop", Map.of("api", new Replicas.Scaled(4, 4))), store.scales(),
                "a fresh `tend up` after `forget` runs what the file says");
    }

    @Test
    void aScaleIsOverwrittenRemovedAndGoesWithTheProjectsHistory() {
        store.setScale("web", "api", new Replicas.Scaled(3, 0));
        store.setScale("web", "api", new Replicas.Scaled(5, 2));
        store.setScale("web", "worker", new Replicas.Scaled(2, 0));
        store.setScale("shop", "api", new Replicas.Scaled(4, 4));
        assertEquals(Map.of("web", Map.of("api", new Replicas.Scaled(5, 2), "worker", new Replicas.Scaled(2, 0)),
                "shop", Map.of("api", new Replicas.Scaled(4, 4))), store.scales());

        store.removeScale("web", "worker");
        store.removeProjectHistory("shop");

        assertEquals(Map.of("web", Map.of("api", new Replicas.Scaled(5, 2))), store.scales());
    }

    @Test
    void desiredStateIsOverwrittenAndRemovedPerService() {
        store.setDesired("web", "server", true);
        store.setDesired("web", "worker", true);
        store.setDesired("api", "db", false);
        store.setDesired("web", "worker", false);

        assertEquals(Map.of("api", Map.of("db", false), "web", Map.of("server", true, "worker", false)), store.desired());

        store.removeDesired("web", "server");

        assertEquals(Map.of("api", Map.of("db", false), "web", Map.of("worker", false)), store.desired());
    }

    @Test
    void whatTheStoreAnswersCannotBeChangedByTheCaller() {
        store.setDesired("web", "api", true);
        store.setPort("web", "api", 40771);
        store.setScale("web", "api", new Replicas.Scaled(3, 0));
        assertThrows(UnsupportedOperationException.class, () -> store.desired().get("web").put("x", true));
        assertThrows(UnsupportedOperationException.class,
                () -> store.memory().get("web").put("x", new StateStore.ServiceMemory(1, null)));
        assertThrows(UnsupportedOperationException.class,
                () -> store.scales().get("web").put("x", new Replicas.Scaled(1, 1)));
    }

    @Test
    void aKeptPortAndAFailureLiveBesideTheDesiredStateAndGoWithIt() {
        store.setDesired("web", "api", true);
        store.setPort("web", "api", 40771);
        store.setFailed("web", "worker", "exited 1 after 10 quick restarts");
        store.setDesired("web", "api", false);

        assertEquals(Map.of("web", Map.of("api", new StateStore.ServiceMemory(40771, null),
                "worker", new StateStore.ServiceMemory(0, "exited 1 after 10 quick restarts"))), store.memory());
        assertEquals(Map.of("web", Map.of("api", false, "worker", false)), store.desired(),
                "a failure recorded first leaves the service not wanted");

        store.setFailed("web", "worker", null);
        store.removeDesired("web", "api");
        assertEquals(Map.of(), store.memory());
    }

    @Test
    void aTaskDoneIsKeptForThisBootOfTheMachineOnly() {
        store.bootId(() -> "boot-1");
        store.setDesired("web", "migrate", true);
        store.setCompleted("web", "migrate", true);
        assertEquals(Map.of("web", Map.of("migrate", new StateStore.ServiceMemory(0, null, true))), store.memory());

        store.bootId(() -> "boot-2"); // the machine rebooted: the task runs again
        assertEquals(Map.of(), store.memory());

        store.setCompleted("web", "migrate", true);
        store.setCompleted("web", "migrate", false); // it ran again and did not complete with 0
        assertEquals(Map.of(), store.memory());
        assertEquals(Map.of("web", Map.of("migrate", true)), store.desired(), "the desired state is untouched");
    }

    @Test
    void historyReturnsTheNewestRowsOldestFirst() {
        for (int n = 0; n < 10; n++) {
            store.appendHistory(event("web", "server", n));
        }

        assertEquals(List.of(event("web", "server", 7), event("web", "server", 8), event("web", "server", 9)),
                store.history("web", "server", 3));
        assertEquals(10, store.history("web", "server", 100).size());
        assertEquals(event("web", "server", 0), store.history("web", "server", 100).get(0));
        assertEquals(List.of(), store.history("web", "server", 0));
    }

    @Test
    void historyOrderIsAppendOrderEvenWhenClockGoesBackwards() {
        HistoryRecord later = new HistoryRecord("web", "server", T0, "started", 1, null, null, null);
        HistoryRecord earlierClock = new HistoryRecord("web", "server", T0.minusSeconds(3600), "exited", 1, 0, null, null);
        store.appendHistory(later);
        store.appendHistory(earlierClock);

        assertEquals(List.of(later, earlierClock), store.history("web", "server", 10));
    }

    @Test
    void historyKeepsNullsApartFromZeroAndSignals() {
        HistoryRecord started = new HistoryRecord("web", "server", T0, "started", 42, null, null, null);
        HistoryRecord crashed = new HistoryRecord("web", "server", T0, "crashed", 42, null, "KILL", "out of memory");
        HistoryRecord exited = new HistoryRecord("web", "server", T0, "exited", 43, 0, null, "");
        store.appendHistory(started);
        store.appendHistory(crashed);
        store.appendHistory(exited);

        List<HistoryRecord> history = store.history("web", "server", 10);

        assertEquals(List.of(started, crashed, exited), history);
        assertNull(history.get(0).exitCode());
        assertEquals(0, history.get(2).exitCode());
    }

    @Test
    void historyOfOneServiceDoesNotIncludeOtherServicesOrProjects() {
        store.appendHistory(event("web", "server", 1));
        store.appendHistory(event("web", "worker", 2));
        store.appendHistory(event("api", "server", 3));

        assertEquals(List.of(event("web", "server", 1)), store.history("web", "server", 10));
        assertEquals(List.of(), store.history("nope", "server", 10));
    }

    @Test
    void negativeHistoryLimitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.history("web", "server", -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void historyIsPrunedToTheNewestRowsOfEachService() {
        store.close();
        store = SqliteStore.open(dbFile, Schema.MIGRATIONS, new HistoryRetention(10, 5));
        store.appendHistory(event("web", "worker", 0));
        for (int n = 0; n < 100; n++) {
            store.appendHistory(event("web", "server", n));
        }

        List<HistoryRecord> kept = store.history("web", "server", 1000);

        assertEquals(10, kept.size());
        assertEquals(event("web", "server", 90), kept.get(0));
        assertEquals(event("web", "server", 99), kept.get(9));
        assertEquals(List.of(event("web", "worker", 0)), store.history("web", "worker", 1000));
    }

    @Test
    void liveChildrenAreAddedReplacedAndRemoved() {
        LiveChild server = new LiveChild("web", "server", 4242, T0);
        LiveChild worker = new LiveChild("web", "worker", 4243, T0.plusSeconds(1));
        store.putLiveChild(server);
        store.putLiveChild(worker);
        store.putLiveChild(new LiveChild("web", "server", 4242, T0.plusSeconds(5)));

        assertEquals(List.of(new LiveChild("web", "server", 4242, T0.plusSeconds(5)), worker), store.liveChildren());

        store.removeLiveChild("web", "server", 4242);
        store.removeLiveChild("web", "worker", 9999);

        assertEquals(List.of(worker), store.liveChildren());
    }

    @Test
    void liveChildKeepsItsRunTokenAndAReplacementReplacesIt() {
        store.putLiveChild(new LiveChild("web", "server", 4242, T0, "0123456789abcdef0123456789abcdef"));
        assertEquals(List.of(new LiveChild("web", "server", 4242, T0, "0123456789abcdef0123456789abcdef")),
                store.liveChildren());

        store.putLiveChild(new LiveChild("web", "server", 4242, T0.plusSeconds(1), null));

        assertEquals(List.of(new LiveChild("web", "server", 4242, T0.plusSeconds(1), null)), store.liveChildren());
    }

    @Test
    void aLaunchIsOnRecordBeforeItsForkAndItsStartReplacesThatRecord() {
        String token = "0123456789abcdef0123456789abcdef";
        LiveChild launching = LiveChild.launching("web", "server", token, dev.tend.daemon.core.process.Signal.INT,
                java.time.Duration.ofSeconds(3));
        store.putLiveChild(launching);
        assertEquals(List.of(launching), store.liveChildren());

        store.putLiveChild(launching.started(4242, T0));

        assertEquals(List.of(launching.started(4242, T0)), store.liveChildren());
        store.removeLaunch(token);
        assertEquals(List.of(), store.liveChildren());
    }

    @Test
    void twoLaunchesOfOneJobUnderWayAtOnceAreBothOnRecord() {
        LiveChild first = LiveChild.launching("web", "job:nightly", "0123456789abcdef0123456789abcdef", null, null);
        LiveChild second = LiveChild.launching("web", "job:nightly", "fedcba9876543210fedcba9876543210", null, null);
        store.putLiveChild(first);
        store.putLiveChild(second);

        assertEquals(Set.of(first, second), new HashSet<>(store.liveChildren()));
        store.removeLaunch(first.runToken());
        assertEquals(List.of(second), store.liveChildren());
    }

    @Test
    void liveChildKeepsTheStopSettingsItWasLaunchedWith() {
        LiveChild child = new LiveChild("web", "server", 4242, T0, null,
                dev.tend.daemon.core.process.Signal.USR1, java.time.Duration.ofMillis(1500));
        store.putLiveChild(child);
        assertEquals(List.of(child), store.liveChildren());
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        ProjectRecord web = project("web", Map.of("HOME", "/home/me"));
        AdhocRecord tail = new AdhocRecord("tail", "tail -f x", Path.of("/tmp"), Map.of(), RestartMode.ON_FAILURE);
        LiveChild child = new LiveChild("web", "server", 77, T0);
        store.putProject(web);
        store.putAdhoc(tail);
        store.setDesired("web", "server", true);
        store.appendHistory(event("web", "server", 1));
        store.putLiveChild(child);

        reopen();

        assertEquals(List.of(web), store.projects());
        assertEquals(List.of(tail), store.adhocServices());
        assertEquals(Map.of("web", Map.of("server", true)), store.desired());
        assertEquals(List.of(event("web", "server", 1)), store.history("web", "server", 10));
        assertEquals(List.of(child), store.liveChildren());
    }

    @Test
    void concurrentAppendsFromEightThreadsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < perThread; n++) {
                        store.appendHistory(new HistoryRecord("web", "server", T0, "started", n, null, null, thread + ":" + n));
                        store.appendHistory(new HistoryRecord("web", "own-" + thread, T0, "started", n, null, null, "" + n));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> reasons = new HashSet<>();
        store.history("web", "server", 10_000).forEach(record -> reasons.add(record.reason()));
        assertEquals(threads * perThread, reasons.size());
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, store.history("web", "own-" + t, 10_000).size());
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailClearly() {
        store.close();
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, store::projects);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(e.getMessage().contains(dbFile.toString()), e.getMessage());
    }

    @Test
    void fileIsTheAbsolutePathOfTheDatabase() {
        assertEquals(dbFile.toAbsolutePath(), store.file());
    }

    @Test
    void missingProjectDirectoryIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.putProject(new ProjectRecord("web", null, Path.of("/x/tend.yaml"), Map.of())));
        assertEquals("dir of project web is missing", e.getMessage());
    }
}
