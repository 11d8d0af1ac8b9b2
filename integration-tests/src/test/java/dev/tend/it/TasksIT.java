package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-shot tasks (restart: no) and depends_on conditions, through the built CLI with real processes
 * (docs/supervision.md, "Tasks"). One daemon serves every test; each has a project of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksIT {
    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    private static Instant first(List<Map<String, Object>> history, String kind) {
        return history.stream().filter(h -> kind.equals(h.get("kind"))).map(h -> Instant.parse((String) h.get("time")))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + kind + "' in " + history));
    }

    private static long count(List<Map<String, Object>> history, String kind) {
        return history.stream().filter(h -> kind.equals(h.get("kind"))).count();
    }

    @Test
    void aMigrateTaskGatesTheApiWhichStartsOnlyAfterItExitedZero() throws Exception {
        TendProject p = new TendProject(tend, "gated", """
                services:
                  migrate:
                    command: sleep 0.5; touch migrated
                    restart: "no"
                  api:
                    command: test -f migrated && exec sleep 1000
                    depends_on:
                      migrate: { condition: completed_successfully }
                """);
        p.ok("up", "--wait");

        Map<String, Object> migrate = p.service("migrate");
        assertEquals("completed", state(migrate), migrate.toString());
        assertEquals(0L, ((Number) migrate.get("exitCode")).longValue());
        Map<String, Object> api = p.awaitState("api", "ready");
        assertTrue(pid(api) > 0, "api found the migration done when it started: " + api);
        String table = p.ok("ps").out();
        assertTrue(table.lines().anyMatch(l -> l.startsWith("migrate") && l.contains("completed (0)")), table);

        List<Map<String, Object>> migrateHistory = p.history("migrate");
        Instant completed = first(migrateHistory, "completed");
        Instant apiStarted = first(p.history("api"), "started");
        assertFalse(apiStarted.isBefore(completed), "api started " + apiStarted + ", migrate completed " + completed);

        p.ok("up", "--wait");
        p.ok("reload");
        assertEquals(1, count(p.history("migrate"), "completed"), "neither up nor reload runs a done task again");
        assertEquals(pid(api), pid(p.service("api")));

        p.ok("restart", "migrate");
        TendProject.await("restart runs migrate again", () -> count(p.history("migrate"), "completed") == 2 ? true : null);
        assertEquals(pid(api), pid(p.service("api")), "restarting a task leaves its dependents running");
    }

    @Test
    void aFailingTaskKeepsItsDependentFromStartingAndEveryViewSaysWhy() throws Exception {
        TendProject p = new TendProject(tend, "blocked", """
                services:
                  migrate:
                    command: echo no database; exit 3
                    restart: "no"
                  api:
                    command: touch api-ran; exec sleep 1000
                    depends_on:
                      migrate: { condition: completed_successfully }
                """);
        TendHome.Result up = p.tend("up", "--wait");
        assertEquals(1, up.exit(), up.toString());
        assertTrue(up.err().contains("migrate"), up.toString());

        String why = "dependency migrate is completed (3), and api needs it completed successfully";
        Map<String, Object> api = p.awaitState("api", "failed");
        assertEquals(why, api.get("reason"), api.toString());
        assertEquals("completed", state(p.service("migrate")));
        String table = p.ok("ps").out();
        assertTrue(table.contains("completed (3)") && table.contains("api failed: " + why), table);
        List<Map<String, Object>> history = p.history("api");
        assertTrue(history.stream().anyMatch(h -> "failed".equals(h.get("kind")) && why.equals(h.get("reason"))),
                history.toString());
        assertEquals(0, count(history, "started"), "api never ran: " + history);
        assertFalse(Files.exists(p.file("api-ran")));
    }

    @Test
    void aProcessComposeChainOnProcessCompletedSuccessfullyRunsInOrder() throws Exception {
        Path dir = Files.createDirectories(tend.home().resolve("projects").resolve("chain"));
        Files.writeString(dir.resolve("process-compose.yaml"), """
                version: "0.5"
                processes:
                  first:
                    command: sleep 0.3; echo first >> order.txt
                  second:
                    command: echo second >> order.txt
                    depends_on:
                      first:
                        condition: process_completed_successfully
                  third:
                    command: echo third >> order.txt
                    depends_on:
                      second:
                        condition: process_completed
                """);
        TendHome.Result up = tend.tendIn(dir, "up", "--wait");
        assertEquals(0, up.exit(), up.toString());
        assertFalse(up.err().contains("process_completed"), "the conditions are understood, not warned about: " + up);
        assertEquals(List.of("first", "second", "third"), Files.readAllLines(dir.resolve("order.txt")));

        Instant firstDone = first(historyIn(dir, "first"), "completed");
        Instant secondStarted = first(historyIn(dir, "second"), "started");
        Instant secondDone = first(historyIn(dir, "second"), "completed");
        Instant thirdStarted = first(historyIn(dir, "third"), "started");
        assertFalse(secondStarted.isBefore(firstDone), secondStarted + " before " + firstDone);
        assertFalse(thirdStarted.isBefore(secondDone), thirdStarted + " before " + secondDone);
    }

    private List<Map<String, Object>> historyIn(Path dir, String service) throws Exception {
        TendHome.Result r = tend.tendIn(dir, "history", service, "-n", "100", "--json");
        assertEquals(0, r.exit(), r.toString());
        return TendProject.objects(r.out());
    }
}
