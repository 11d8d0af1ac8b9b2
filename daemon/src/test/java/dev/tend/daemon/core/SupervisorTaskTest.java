package dev.tend.daemon.core;

import dev.tend.daemon.core.Dependency.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.dependsOn;
import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One-shot tasks (restart: no) and the conditions a dependent waits for: real processes. */
class SupervisorTaskTest {

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

    private static ServiceSpec task(String name, String command) {
        return withRestart(service(name, command), RestartMode.NO, 0);
    }

    private long completions(String service) {
        return h.sup.history("p", service, 100).stream().filter(r -> r.kind().equals("completed")).count();
    }

    @Test
    void aTaskGatesItsDependentUntilItCompletedWithZeroAndUpDoesNotRunItAgain() throws Exception {
        ServiceSpec migrate = task("migrate", "sleep 0.3; exit 0");
        ServiceSpec api = dependsOn(service("api", "exec sleep 1000"),
                new Dependency("migrate", Condition.COMPLETED_SUCCESSFULLY));
        h.sup.register(h.project("p", migrate, api), Map.of());

        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);

        ServiceSnapshot done = h.get("p", "migrate");
        assertEquals(ServiceState.COMPLETED, done.state());
        assertEquals(0, done.exitCode());
        assertEquals(ServiceState.READY, h.get("p", "api").state());
        int completed = h.firstIndex("migrate", s -> s.state() == ServiceState.COMPLETED);
        int apiLaunched = h.firstIndex("api", s -> s.pid() > 0);
        assertTrue(completed >= 0 && apiLaunched > completed, "api launched after migrate completed");
        long apiPid = h.get("p", "api").pid();

        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);
        assertEquals(1, completions("migrate"), "a task that did its job is left alone by another up");

        h.sup.restart("p", "migrate").get(30, TimeUnit.SECONDS);
        Harness.awaitTrue(() -> completions("migrate") == 2, "restart runs the task again");
        assertEquals(apiPid, h.get("p", "api").pid(), "its dependents keep running");
    }

    @Test
    void aTaskThatFailedKeepsItsDependentFromStartingAndSaysWhy() throws Exception {
        ServiceSpec migrate = task("migrate", "exit 3");
        ServiceSpec api = dependsOn(service("api", "exec sleep 1000"),
                new Dependency("migrate", Condition.COMPLETED_SUCCESSFULLY));
        ServiceSpec web = service("web", "exec sleep 1000", "api");
        h.sup.register(h.project("p", migrate, api, web), Map.of());

        ExecutionException up = assertThrows(ExecutionException.class,
                () -> h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS));

        assertTrue(up.getCause().getMessage().contains("migrate"), up.getCause().getMessage());
        ServiceSnapshot blocked = h.await("p", "api", ServiceState.FAILED);
        assertEquals("dependency migrate is completed (3), and api needs it completed successfully", blocked.reason());
        assertEquals(0, h.eventsOf("api").stream().filter(s -> s.pid() > 0).count(), "api never ran");
        h.await("p", "web", ServiceState.FAILED);
        // the history row is written after the state change is told: wait for it
        Harness.awaitTrue(() -> h.sup.history("p", "api", 10).stream().anyMatch(r -> r.kind().equals("failed")
                && blocked.reason().equals(r.reason())), "history says why");
    }

    @Test
    void completedLetsTheDependentStartWhateverTheTasksExitCode() throws Exception {
        ServiceSpec check = task("check", "exit 3");
        ServiceSpec report = dependsOn(service("report", "exec sleep 1000"), new Dependency("check", Condition.COMPLETED));
        h.sup.register(h.project("p", check, report), Map.of());

        h.sup.up("p", List.of("report"));

        h.await("p", "report", ServiceState.READY);
        assertEquals(ServiceState.COMPLETED, h.get("p", "check").state());
    }

    @Test
    void startingADependentByHandRunsItsFailedTaskAgainFirstAndThenStartsIt() throws Exception {
        ServiceSpec failing = task("migrate", "exit 3");
        ServiceSpec api = dependsOn(service("api", "exec sleep 1000"),
                new Dependency("migrate", Condition.COMPLETED_SUCCESSFULLY));
        h.sup.register(h.project("p", failing, api), Map.of());
        assertThrows(ExecutionException.class, () -> h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS));
        h.await("p", "api", ServiceState.FAILED);

        // the user fixes the migration, reloads, and starts the api again
        h.sup.reload(h.project("p", task("migrate", "exit 0"), api), Map.of());
        h.sup.start("p", "api").get(30, TimeUnit.SECONDS);

        assertEquals(ServiceState.READY, h.get("p", "api").state());
        assertEquals(0, h.get("p", "migrate").exitCode(), "the task ran again, before the api was judged");
    }

    @Test
    void anOnFailureServiceThatExitsZeroIsDoneForUpAsForItsDependents() throws Exception {
        ServiceSpec once = withRestart(service("once", "sleep 0.2; exit 0"), RestartMode.ON_FAILURE, 2);
        ServiceSpec after = dependsOn(service("after", "exec sleep 1000"), new Dependency("once", Condition.READY));
        h.sup.register(h.project("p", once, after), Map.of());

        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS); // used to fail: "service p/once exited 0"

        assertEquals(ServiceState.EXITED, h.get("p", "once").state());
        assertEquals(ServiceState.READY, h.get("p", "after").state());
    }
}
