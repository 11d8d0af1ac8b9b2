package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tend forget` stops and unregisters a project, keeping its history and logs unless --purge (issue 13 item 8);
 * a registered project whose file is gone is shown as such, before and after a daemon restart, until forgotten.
 */
class ForgetProjectIT {
    private static final String SHOP = """
            project: shop
            services:
              api:
                command: echo api says hello; sleep 1000
              web:
                command: sleep 1000
                depends_on: [api]
            jobs:
              backup:
                schedule: "0 3 * * *"
                command: echo backup
            """;

    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void forgetStopsTheServicesAndUnregistersTheProjectButKeepsItsHistoryAndLogs() throws Exception {
        TendProject shop = new TendProject(tend, "shop", SHOP);
        shop.ok("up", "--wait");
        long api = pid(shop.service("api"));
        long web = pid(shop.service("web"));
        Path log = tend.stateDir().resolve("logs/shop/api.log");

        TendHome.Result r = shop.ok("forget");
        assertTrue(r.out().contains("project shop forgotten"), r.toString());
        TendHome.waitUntil("the services' processes are gone", () -> !alive(api) && !alive(web));
        assertTrue(shop.psAll().stream().noneMatch(s -> "shop".equals(s.get("project"))), "ps -a still lists shop");
        assertFalse(shop.tend("ps").out().contains("api"));
        assertFalse(shop.ok("jobs", "--all").out().contains("backup"), "its jobs are unregistered too");
        assertTrue(Files.exists(log), "logs are kept without --purge");

        shop.ok("up", "--wait");
        long starts = shop.history("api").stream().filter(h -> "started".equals(h.get("kind"))).count();
        assertEquals(2, starts, "the history from before forget is kept: " + shop.history("api"));
        assertTrue(shop.ok("logs", "api", "-n", "0").out().split("api says hello", -1).length - 1 >= 2,
                "the log from before forget is kept");
        shop.ok("down");
    }

    @Test
    void forgetPurgeAlsoRemovesHistoryAndLogs() throws Exception {
        TendProject shop = new TendProject(tend, "shop", SHOP);
        shop.ok("up", "--wait");
        shop.ok("job", "run", "backup", "--wait");
        TendHome.Result r = shop.ok("forget", "--purge");
        assertTrue(r.out().contains("history and logs removed"), r.toString());
        assertFalse(Files.exists(tend.stateDir().resolve("logs/shop")), "the project's log directory is removed");

        shop.ok("up", "--wait");
        List<Map<String, Object>> history = shop.history("api");
        assertEquals(1, history.stream().filter(h -> "started".equals(h.get("kind"))).count(),
                "only the new start is in the history: " + history);
        assertTrue(TendProject.objects(shop.ok("job", "history", "backup", "--json").out()).isEmpty(),
                "job runs are removed too");
        shop.ok("down");
    }

    @Test
    void forgetByNameWorksFromAnywhereAndAnUnknownNameIsNotFound() throws Exception {
        TendProject shop = new TendProject(tend, "shop", SHOP);
        shop.ok("up");
        TendHome.Result unknown = tend.tend("forget", "-p", "shpo");
        assertEquals(3, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("shpo"), unknown.toString());
        assertEquals(0, tend.tend("forget", "-p", "shop").exit());
        assertTrue(shop.psAll().isEmpty());
    }

    @Test
    void aProjectWhoseFileIsGoneIsShownAsSuchUntilForgotten() throws Exception {
        TendProject shop = new TendProject(tend, "shop", SHOP);
        shop.ok("up", "--wait");
        delete(shop.dir());

        TendHome.Result running = tend.tend("ps", "-a");
        assertEquals(0, running.exit(), running.toString());
        assertTrue(running.out().contains("project shop: its file " + shop.file("tend.yaml") + " is gone"),
                "while the daemon runs: " + running);

        assertEquals(0, tend.tend("daemon", "stop").exit());
        TendHome.Result restarted = tend.tend("ps", "-a");
        assertEquals(0, restarted.exit(), restarted.toString());
        assertTrue(restarted.out().contains("project shop: its file " + shop.file("tend.yaml") + " is gone"),
                "after a daemon restart the project is shown, not silently dropped: " + restarted);
        assertTrue(restarted.out().contains("tend forget -p shop"), "says how to unregister it: " + restarted);
        assertTrue(tend.tend("jobs", "--all", "--json").exit() == 0);

        TendHome.Result forgotten = tend.tend("forget", "-p", "shop");
        assertEquals(0, forgotten.exit(), forgotten.toString());
        TendHome.Result after = tend.tend("ps", "-a");
        assertFalse(after.out().contains("shop"), after.toString());

        assertEquals(0, tend.tend("daemon", "stop").exit());
        assertFalse(tend.tend("ps", "-a").out().contains("shop"), "forgotten for good, across a restart");
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
