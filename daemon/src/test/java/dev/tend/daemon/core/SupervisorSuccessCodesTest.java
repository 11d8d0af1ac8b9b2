package dev.tend.daemon.core;

import dev.tend.daemon.core.Dependency.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.dependsOn;
import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** success_exit_codes: which ends count as success, for restart on-failure, tasks and the conditions on them. */
class SupervisorSuccessCodesTest {

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
    void aTaskEndingWithAListedCodeCompletedSuccessfullyAndItsDependentStarts() throws Exception {
        ServiceSpec check = withRestart(service("check", "exit 3"), RestartMode.NO, 0).withSuccessExitCodes(Set.of(0, 3));
        ServiceSpec api = dependsOn(service("api", "exec sleep 1000"),
                new Dependency("check", Condition.COMPLETED_SUCCESSFULLY));
        h.sup.register(h.project("p", check, api), Map.of());

        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);

        ServiceSnapshot done = h.get("p", "check");
        assertEquals(ServiceState.COMPLETED, done.state());
        assertEquals(3, done.exitCode());
        assertEquals(ServiceState.READY, h.get("p", "api").state());
    }

    @Test
    void anOnFailureServiceEndingWith130ListedIsNotRestartedThoughJavaReadsItAsSigint() throws Exception {
        ServiceSpec worker = withRestart(service("worker", "exit 130"), RestartMode.ON_FAILURE, 3)
                .withSuccessExitCodes(Set.of(0, 130));
        h.sup.register(h.project("p", worker), Map.of());

        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);

        ServiceSnapshot s = h.await("p", "worker", ServiceState.EXITED);
        assertEquals(0, s.restarts());
        List<String> kinds = h.sup.history("p", "worker", 20).stream().map(StateStore.HistoryRecord::kind).toList();
        assertTrue(!kinds.contains("restarting") && !kinds.contains("crashed"), kinds.toString());
    }

    @Test
    void withoutTheListAnExitOf3IsAFailureAsBefore() throws Exception {
        ServiceSpec check = withRestart(service("check", "exit 3"), RestartMode.NO, 0);
        ServiceSpec api = dependsOn(service("api", "exec sleep 1000"),
                new Dependency("check", Condition.COMPLETED_SUCCESSFULLY));
        h.sup.register(h.project("p", check, api), Map.of());
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS));
        assertEquals(3, h.await("p", "check", ServiceState.COMPLETED).exitCode());
        assertTrue(h.get("p", "api").state() != ServiceState.READY, h.get("p", "api").toString());
    }
}
