package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled jobs through bin/tend: a per-second job really runs, and every run is inspectable. */
class JobsIT {
    private TendHome tend;
    private Path project;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        project = tend.home().resolve("proj");
        Files.createDirectories(project);
        Files.writeString(project.resolve("tend.yaml"), """
                project: jobsit
                jobs:
                  tick:
                    schedule: "*/1 * * * * *"
                    command: echo tick >> ticks.txt; echo "tick $TEND_RUN_ID"
                  fail:
                    schedule: "@daily"
                    command: echo failing >&2; exit 7
                  slow:
                    schedule: "@daily"
                    command: sleep 60
                    timeout: 1s
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private TendHome.Result tendHere(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(TendHome.LAUNCHER.toString());
        cmd.addAll(List.of(args));
        return TendHome.finish(tend.command(cmd.toArray(String[]::new)).directory(project.toFile()).start());
    }

    private long ticks() {
        try {
            return Files.readAllLines(project.resolve("ticks.txt")).size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void perSecondJobRunsAndEveryRunIsInspectable() throws Exception {
        TendHome.Result up = tendHere("up");
        assertEquals(0, up.exit(), up.toString());
        TendHome.waitUntil("the per-second job ran three times", () -> ticks() >= 3);

        TendHome.Result jobs = tendHere("jobs");
        assertEquals(0, jobs.exit(), jobs.toString());
        assertTrue(jobs.out().contains("tick") && jobs.out().contains("*/1 * * * * *") && jobs.out().contains("ok"),
                jobs.toString());

        TendHome.Result history = tendHere("job", "history", "tick");
        assertEquals(0, history.exit(), history.toString());
        assertTrue(history.out().contains("schedule") && history.out().contains(" ok"), history.toString());

        TendHome.Result logs = tendHere("job", "logs", "tick");
        assertEquals(0, logs.exit(), logs.toString());
        assertTrue(logs.out().matches("(?s).*\\| tick \\d+\\s*"), logs.toString());

        // `tend down` stops services, not the schedule.
        assertEquals(0, tendHere("down").exit());
        long before = ticks();
        TendHome.waitUntil("the job keeps running after down", () -> ticks() >= before + 2);
    }

    @Test
    void runWaitExitsWithTheJobsExitCodeAndTimeoutKills() throws Exception {
        assertEquals(0, tendHere("up").exit());

        TendHome.Result fail = tendHere("job", "run", "fail", "--wait");
        assertEquals(7, fail.exit(), fail.toString());
        TendHome.Result logs = tendHere("job", "logs", "jobsit/fail");
        assertTrue(logs.out().contains("! failing"), logs.toString());

        TendHome.Result slow = tendHere("job", "run", "slow", "--wait");
        assertEquals(137, slow.exit(), slow.toString());
        assertTrue(slow.out().contains("timed-out"), slow.toString());
        TendHome.Result history = tendHere("job", "history", "slow", "--json");
        assertTrue(history.out().contains("\"outcome\":\"timed-out\"") && history.out().contains("\"trigger\":\"manual\""),
                history.toString());
    }

    @Test
    void adhocJobsAreAddedRunAndRemoved() throws Exception {
        TendHome.Result add = tendHere("job", "add", "hello", "--schedule", "@every 1h", "--", "echo", "hi there");
        assertEquals(0, add.exit(), add.toString());

        TendHome.Result all = tendHere("jobs", "--all");
        assertTrue(all.out().contains("adhoc/hello"), all.toString());

        TendHome.Result run = tendHere("job", "run", "hello", "--wait");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(tendHere("job", "logs", "hello").out().contains("| hi there"));

        TendHome.Result bad = tendHere("job", "add", "bad", "--schedule", "61 * * * *", "--", "true");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("bad cron schedule '61 * * * *'"), bad.toString());

        assertEquals(0, tendHere("job", "rm", "hello").exit());
        TendHome.Result gone = tendHere("job", "run", "hello");
        assertEquals(3, gone.exit(), gone.toString());
    }
}
