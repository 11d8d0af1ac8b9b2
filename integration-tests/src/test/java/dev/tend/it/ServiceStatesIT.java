package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.restarts;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Supervision as the CLI shows it (docs/supervision.md): states in `ps --json`, restarts after kill -9, backoff then
 * failed, signals, ad-hoc services. One daemon serves every test; each test has a project of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceStatesIT {
    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    @Test
    void psShowsEveryStateAServiceGoesThrough() throws Exception {
        TendProject p = new TendProject(tend, "states", """
                services:
                  db:
                    command: sleep 1000
                    ready: { exec: "test -f go", interval: 100ms }
                  api:
                    command: "trap 'while [ ! -f release ]; do sleep 0.05; done; exit 0' TERM; sleep 1000 & wait"
                    depends_on: [db]
                    stop_timeout: 60s
                  once:
                    command: exit 0
                    restart: "no"
                  boom:
                    command: exit 3
                    restart: "no"
                """);
        p.ok("up");

        // db runs but its probe has not passed: running, with a pid; api waits for it: starting, no pid.
        Map<String, Object> db = p.awaitState("db", "running");
        assertTrue(pid(db) > 0 && alive(pid(db)), db.toString());
        Map<String, Object> api = p.awaitState("api", "starting");
        assertEquals(0, pid(api), "a service waiting for its dependencies has no process yet: " + api);
        assertEquals("running", state(p.service("db")), "db stays running until its probe passes");

        Map<String, Object> once = p.awaitState("once", "completed");
        assertEquals(0L, ((Number) once.get("exitCode")).longValue(), once.toString());
        Map<String, Object> boom = p.awaitState("boom", "completed");
        assertEquals(3L, ((Number) boom.get("exitCode")).longValue(), boom.toString());
        assertEquals(0, restarts(boom), "restart: no never restarts");

        Files.createFile(p.file("go"));
        db = p.awaitState("db", "ready");
        api = p.awaitState("api", "ready");
        long apiPid = pid(api);
        assertTrue(apiPid > 0 && alive(apiPid), api.toString());
        for (String field : List.of("project", "name", "state", "pid", "restarts", "exitCode", "startedAt", "cpuPercent",
                "rssBytes")) {
            assertTrue(api.containsKey(field), "ps --json has " + field + ": " + api);
        }
        assertEquals("states", api.get("project"));
        assertNotNull(api.get("startedAt"), api.toString());
        assertTrue(((Number) p.awaitService("db's memory is sampled", "db",
                s -> ((Number) s.get("rssBytes")).longValue() > 0).get("rssBytes")).longValue() > 0);

        // api's TERM trap holds it in stopping until we release it.
        Process stop = tend.startIn(p.dir(), "stop", "api");
        try {
            Map<String, Object> stopping = p.awaitState("api", "stopping");
            assertEquals(apiPid, pid(stopping), "still the same process while it stops: " + stopping);
            assertTrue(alive(apiPid));
            Files.createFile(p.file("release"));
            TendHome.Result r = TendHome.finish(stop);
            assertEquals(0, r.exit(), r.toString());
        } finally {
            stop.destroyForcibly();
        }
        Map<String, Object> stopped = p.awaitState("api", "stopped");
        assertEquals(0, pid(stopped), stopped.toString());
        assertFalse(alive(apiPid), "api's process is gone");
        assertEquals("ready", state(p.service("db")), "stopping api leaves db alone");
        p.ok("down");
    }

    @Test
    void downAndReloadFindTheProjectByItsFileAsUpDid() throws Exception {
        TendProject p = new TendProject(tend, "byfile", """
                services:
                  web:
                    command: exec sleep 1000
                """);
        Path elsewhere = p.dir().getParent();
        String file = p.file("tend.yaml").toString();
        TendHome.Result up = tend.tendIn(elsewhere, "up", "-f", file, "--wait");
        assertEquals(0, up.exit(), up.toString());
        p.write("""
                services:
                  web:
                    command: exec sleep 1000
                  api:
                    command: exec sleep 1000
                """);
        TendHome.Result reload = tend.tendIn(elsewhere, "reload", "-f", file);
        assertEquals(0, reload.exit(), reload.toString());
        assertTrue(reload.out().contains("api"), reload.toString());
        TendHome.Result down = tend.tendIn(elsewhere, "down", "-f", file);
        assertEquals(0, down.exit(), down.toString());
        assertEquals("stopped", state(p.awaitState("web", "stopped")));
    }

    @Test
    void killNineOfAChildRestartsItWithANewPid() throws Exception {
        TendProject p = new TendProject(tend, "killed", """
                services:
                  worker:
                    command: sleep 1000
                """);
        p.ok("up", "--wait");
        Map<String, Object> before = p.awaitState("worker", "ready");
        long oldPid = pid(before);
        List<Long> oldTree = TendProject.descendants(oldPid);

        new ProcessBuilder("kill", "-9", Long.toString(oldPid)).start().waitFor();

        Map<String, Object> after = p.awaitService("worker runs again with a new pid", "worker",
                s -> state(s).equals("ready") && pid(s) != oldPid && pid(s) > 0);
        assertEquals(restarts(before) + 1, restarts(after), after.toString());
        assertTrue(alive(pid(after)));
        List<Map<String, Object>> history = p.history("worker");
        assertTrue(history.stream().anyMatch(h -> "crashed".equals(h.get("kind")) && pid(h) == oldPid
                && "SIGKILL".equals(h.get("signal"))), "history records the kill: " + history);
        assertTrue(history.stream().anyMatch(h -> "started".equals(h.get("kind")) && pid(h) == pid(after)),
                history.toString());
        TendProject.await("what was left of the killed tree is gone",
                () -> oldTree.stream().noneMatch(TendProject::alive) ? true : null);
        p.ok("down");
    }

    @Test
    void quickCrashesBackOffThenFailAndAManualStartResetsTheCount() throws Exception {
        TendProject p = new TendProject(tend, "flaky", """
                services:
                  flaky:
                    command: exit 1
                    max_restarts: 4
                """);
        p.ok("up");
        // Restarts come at once, then after 1 s, 2 s, 4 s: a pause long enough for ps (a JVM a poll) to see.
        Map<String, Object> backoff = p.awaitState("flaky", "backoff");
        assertEquals(0, pid(backoff), backoff.toString());
        Map<String, Object> failed = p.awaitState("flaky", "failed");
        assertEquals(4, restarts(failed), failed.toString());
        assertEquals(1L, ((Number) failed.get("exitCode")).longValue(), failed.toString());

        List<Map<String, Object>> history = p.history("flaky");
        assertEquals(5, count(history, "started"), "the first start and four restarts: " + history);
        assertEquals("failed", history.get(history.size() - 1).get("kind"), history.toString());
        assertTrue(history.stream().anyMatch(h -> String.valueOf(h.get("reason")).contains("restarting in 1s")),
                history.toString());

        TendHome.Result start = p.tend("start", "flaky");
        assertEquals(1, start.exit(), "a start that crashes says so: " + start);
        assertTrue(start.err().contains("flaky/flaky exited 1"), start.toString());
        TendProject.await("flaky failed a second time", () -> count(p.history("flaky"), "failed") == 2 ? true : null);
        failed = p.awaitState("flaky", "failed");
        history = p.history("flaky");
        assertEquals(10, count(history, "started"),
                "a manual start grants max_restarts quick restarts again: " + history);
        assertEquals(2, count(history, "failed"), history.toString());
        assertEquals(4, restarts(failed), failed.toString());
    }

    @Test
    void signalReachesTheServiceProcess() throws Exception {
        TendProject p = new TendProject(tend, "signals", """
                services:
                  listener:
                    command: "trap 'echo got-usr1 >> signals.txt' USR1; echo armed > armed.txt; while :; do sleep 0.1; done"
                """);
        p.ok("up", "--wait");
        long before = pid(p.awaitState("listener", "ready"));
        TendProject.await("the trap is armed", () -> Files.exists(p.file("armed.txt")) ? true : null);

        TendHome.Result r = p.tend("signal", "USR1", "listener");
        assertEquals(0, r.exit(), r.toString());
        TendProject.await("the trap wrote its line", () -> Files.exists(p.file("signals.txt"))
                && Files.readString(p.file("signals.txt")).contains("got-usr1") ? true : null);
        Map<String, Object> after = p.service("listener");
        assertEquals(before, pid(after), "a trapped signal does not end the service: " + after);
        assertTrue(p.history("listener").stream().anyMatch(h -> "signalled".equals(h.get("kind"))
                && "SIGUSR1".equals(h.get("signal"))));

        TendHome.Result bad = p.tend("signal", "NOPE", "listener");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("unknown signal 'NOPE'"), bad.toString());
        p.ok("down");
    }

    @Test
    void runStartsAnAdhocServiceThatPsAllListsAndRmForgets() throws Exception {
        TendProject p = new TendProject(tend, "elsewhere", "services: {}\n");
        TendHome.Result run = p.tend("run", "--name", "scratch", "--", "sh", "-c", "echo hello from scratch; sleep 1000");
        assertEquals(0, run.exit(), run.toString());
        Map<String, Object> scratch = TendProject.await("ps --all lists adhoc/scratch", () -> p.psAll().stream()
                .filter(s -> "adhoc".equals(s.get("project")) && "scratch".equals(s.get("name"))
                        && "ready".equals(s.get("state")))
                .findFirst().orElse(null));
        long scratchPid = pid(scratch);
        assertTrue(scratchPid > 0 && alive(scratchPid), scratch.toString());
        List<Long> tree = TendProject.descendants(scratchPid);
        TendProject.await("its output reaches its log", () -> p.tend("logs", "adhoc/scratch", "-n", "0").out()
                .contains("hello from scratch") ? true : null);

        TendHome.Result rm = p.tend("rm", "adhoc/scratch");
        assertEquals(0, rm.exit(), rm.toString());
        assertEquals("adhoc/scratch: removed", rm.out().strip(), "the ref is named once, however it was given");
        assertFalse(alive(scratchPid), "rm stops the process before it returns");
        TendProject.await("its children are gone too", () -> tree.stream().noneMatch(TendProject::alive) ? true : null);
        assertNull(p.psAll().stream().filter(s -> "scratch".equals(s.get("name"))).findFirst().orElse(null),
                "ps --all no longer lists it");

        TendHome.Result again = p.tend("rm", "adhoc/scratch");
        assertEquals(3, again.exit(), "removing what is not there is 'not found': " + again);
        assertTrue(again.err().contains("scratch"), again.toString());
    }

    private static long count(List<Map<String, Object>> history, String kind) {
        return history.stream().filter(h -> kind.equals(h.get("kind"))).count();
    }
}
