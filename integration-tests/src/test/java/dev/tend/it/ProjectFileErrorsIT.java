package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad tend.yaml is rejected as a whole with file, line and reason, by `up` and by `reload`, and nothing that
 * already runs is touched (docs/project-file.md). A good `reload` restarts only what changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectFileErrorsIT {
    private static final String GOOD = """
            project: shop
            services:
              a:
                command: sleep 1000
              b:
                command: sleep 1000
            """;

    private TendHome tend;
    private TendProject shop;
    private Map<String, Long> runningPids;

    @BeforeAll
    void startRunningVersion() throws Exception {
        tend = new TendHome();
        shop = new TendProject(tend, "shop", GOOD);
        shop.ok("up", "--wait");
        runningPids = pids(shop);
    }

    @AfterEach
    void restoreGoodFile() throws Exception {
        shop.write(GOOD);
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    @Test
    void unknownKeyNamesTheLineAndSuggestsTheKnownKey() throws Exception {
        rejected(GOOD + "    restrat: always\n", 7, "unknown key 'restrat'", "did you mean 'restart'?");
    }

    @Test
    void wrongTypeNamesTheLine() throws Exception {
        rejected(GOOD + "    max_restarts: lots\n", 7, "max_restarts must be a whole number", "'lots'");
    }

    @Test
    void missingCommandNamesTheService() throws Exception {
        rejected(GOOD.replace("    command: sleep 1000\n  b:", "    cwd: .\n  b:"), 3, "service 'a' has no command");
    }

    @Test
    void dependsOnCycleNamesTheCycle() throws Exception {
        rejected("""
                project: shop
                services:
                  a:
                    command: sleep 1000
                    depends_on: [b]
                  b:
                    command: sleep 1000
                    depends_on: [a]
                """, 8, "depends_on cycle: a -> b -> a");
    }

    @Test
    void unknownStopSignalIsRejected() throws Exception {
        rejected(GOOD + "    stop_signal: SIGFOO\n", 7, "unknown signal 'SIGFOO'");
    }

    @Test
    void badDurationIsRejected() throws Exception {
        rejected(GOOD + "    stop_timeout: 10 parsecs\n", 7, "stop_timeout: '10 parsecs' is not a duration");
    }

    @Test
    void badCronScheduleInAJobIsRejected() throws Exception {
        rejected(GOOD + """
                jobs:
                  nightly:
                    command: "true"
                    schedule: "61 * * * *"
                """, 10, "job 'nightly': bad cron schedule '61 * * * *'");
    }

    /** Writes the broken file, then checks that `up` and `reload` both refuse it, loudly and without effect. */
    private void rejected(String yaml, int line, String... reason) throws Exception {
        shop.write(yaml);
        for (String command : List.of("up", "reload")) {
            TendHome.Result r = shop.tend(command);
            assertEquals(1, r.exit(), command + ": " + r);
            String where = shop.file("tend.yaml") + ":" + line + ": ";
            assertTrue(r.err().contains(where), command + " names file and line '" + where + "': " + r);
            for (String part : reason) {
                assertTrue(r.err().contains(part), command + " says '" + part + "': " + r);
            }
            assertEquals(runningPids, pids(shop), "after a rejected " + command + " the running services are untouched");
        }
        runningPids.values().forEach(pid -> assertTrue(alive(pid), "pid " + pid + " still runs"));
    }

    private static Map<String, Long> pids(TendProject p) throws Exception {
        Map<String, Long> pids = new HashMap<>();
        for (Map<String, Object> s : p.ps()) {
            assertEquals("ready", TendProject.state(s), s.toString());
            pids.put(s.get("name").toString(), pid(s));
        }
        return pids;
    }

    @Test
    void reloadRestartsOnlyChangedServices() throws Exception {
        TendProject p = new TendProject(tend, "reloading", """
                services:
                  same:
                    command: sleep 1000
                  changed:
                    command: sleep 1000
                    env: { FLAVOUR: vanilla }
                  dropped:
                    command: sleep 1000
                """);
        p.ok("up", "--wait");
        Map<String, Long> before = pids(p);

        p.write("""
                services:
                  same:
                    command: sleep 1000
                  changed:
                    command: sleep 1000
                    env: { FLAVOUR: chocolate }
                  added:
                    command: sleep 1000
                """);
        TendHome.Result r = p.ok("reload");
        assertTrue(r.out().contains("added added") && r.out().contains("changed changed")
                && r.out().contains("removed dropped"), r.toString());

        Map<String, Object> same = p.awaitState("same", "ready");
        Map<String, Object> changed = p.awaitService("changed runs again with a new pid", "changed",
                s -> "ready".equals(TendProject.state(s)) && pid(s) != before.get("changed"));
        p.awaitState("added", "ready");
        assertEquals(before.get("same"), pid(same), "an unchanged service keeps its process");
        assertNotEquals(before.get("changed"), pid(changed));
        assertFalse(alive(before.get("changed")), "the old process of the changed service is gone");
        assertFalse(alive(before.get("dropped")), "a removed service is stopped");
        assertTrue(p.ps().stream().noneMatch(s -> "dropped".equals(s.get("name"))), "and forgotten");
        p.ok("down");
    }
}
