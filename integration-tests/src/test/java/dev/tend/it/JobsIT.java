package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tend.protocol.json.Json;

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

        // The newest run may have started this very moment (no output yet): read one that ended.
        List<?> runs = (List<?>) Json.parse(tendHere("job", "history", "tick", "--json").out());
        Object ended = runs.stream().map(r -> (Map<?, ?>) r).filter(r -> "succeeded".equals(r.get("outcome")))
                .map(r -> r.get("id")).findFirst().orElseThrow();
        TendHome.Result logs = tendHere("job", "logs", "tick", "--run", ended.toString());
        assertEquals(0, logs.exit(), logs.toString());
        assertTrue(logs.out().matches("(?s).*\\| tick " + ended + "\\s*"), logs.toString());

        // `tend down` stops services, not the schedule.
        assertEquals(0, tendHere("down").exit());
        long before = ticks();
        TendHome.waitUntil("the job keeps running after down", () -> ticks() >= before + 2);
    }

    @Test
    void runWaitExitsOneWhenTheJobFailsAndPassesItsCodeThroughOnlyWhenAsked() throws Exception {
        assertEquals(0, tendHere("up").exit());

        // The job exits 7; with 2 it would read as tend's usage error: tend says 1 and prints the job's code.
        TendHome.Result fail = tendHere("job", "run", "fail", "--wait");
        assertEquals(1, fail.exit(), fail.toString());
        assertTrue(fail.out().contains("exit 7"), fail.toString());
        TendHome.Result passed = tendHere("job", "run", "fail", "--exit-code");
        assertEquals(7, passed.exit(), passed.toString());
        TendHome.Result logs = tendHere("job", "logs", "jobsit/fail");
        assertTrue(logs.out().contains("! failing"), logs.toString());

        TendHome.Result slow = tendHere("job", "run", "slow", "--wait");
        assertEquals(1, slow.exit(), slow.toString());
        assertTrue(slow.out().contains("timed-out"), slow.toString());
        assertEquals(137, tendHere("job", "run", "slow", "--exit-code").exit());
        TendHome.Result history = tendHere("job", "history", "slow", "--json");
        assertTrue(history.out().contains("\"outcome\":\"timed-out\"") && history.out().contains("\"trigger\":\"manual\""),
                history.toString());
    }

    @Test
    void jobLogsOfAnOlderRunShowItsOutputOrSayItsLogWasPruned() throws Exception {
        TendHome.Result add = tendHere("job", "add", "echoer", "--schedule", "@every 1h", "--", "sh", "-c", "echo run-$TEND_RUN_ID");
        assertEquals(0, add.exit(), add.toString());
        // One run more than the daemon keeps logs of (50), started over the socket: 51 CLI round trips would be slow.
        List<Long> ids = new ArrayList<>();
        try (RawPeer peer = new RawPeer(tend.socket())) {
            for (int i = 0; i < 51; i++) {
                Map<?, ?> reply = (Map<?, ?>) Json.parse(peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1)
                        + ",\"method\":\"job.run\",\"params\":{\"ref\":\"adhoc/echoer\",\"wait\":true}}"));
                Map<?, ?> run = (Map<?, ?>) ((Map<?, ?>) reply.get("result")).get("run");
                ids.add(((Number) run.get("id")).longValue());
            }
        }
        long oldest = ids.get(0);
        long kept = ids.get(1);

        TendHome.Result logs = tendHere("job", "logs", "echoer", "--run", Long.toString(kept));
        assertEquals(0, logs.exit(), logs.toString());
        assertTrue(logs.out().contains("| run-" + kept), logs.toString());

        TendHome.Result pruned = tendHere("job", "logs", "echoer", "--run", Long.toString(oldest));
        assertEquals(3, pruned.exit(), pruned.toString());
        assertTrue(pruned.err().contains("the log of run " + oldest + " of job adhoc/echoer was pruned")
                && pruned.err().contains("newest 50 runs"), pruned.toString());
        TendHome.Result history = tendHere("job", "history", "echoer", "-n", "100", "--json");
        assertTrue(history.out().contains("\"id\":" + oldest + ","), "the pruned run is still in the history: " + history);
    }

    @Test
    void aPausedJobStaysPausedAcrossADaemonRestartUntilResumed() throws Exception {
        assertEquals(0, tendHere("up").exit());
        TendHome.waitUntil("the per-second job ran", () -> ticks() >= 1);
        // a name not found does not keep the others from being paused; it is named, and its code is the exit code
        TendHome.Result pause = tendHere("job", "pause", "nosuch", "tick");
        assertEquals(3, pause.exit(), pause.toString());
        assertTrue(pause.out().contains("jobsit/tick: paused"), pause.toString());
        assertTrue(pause.err().contains("tend: nosuch: "), pause.toString());

        assertEquals(0, tend.tend("daemon", "stop").exit());
        long stopped = ticks();
        assertEquals(0, tendHere("up").exit());
        TendHome.Result jobs = tendHere("jobs");
        assertTrue(jobs.out().lines().anyMatch(l -> l.startsWith("tick ") && l.contains(" paused ")), jobs.toString());
        Thread.sleep(2500);
        assertEquals(stopped, ticks(), "a paused job does not run, after a restart either");

        TendHome.Result resume = tendHere("job", "resume", "tick", "--json");
        assertEquals(0, resume.exit(), resume.toString());
        assertTrue(resume.out().contains("\"paused\":false"), resume.toString());
        TendHome.waitUntil("the resumed job runs again", () -> ticks() >= stopped + 2);
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
        TendHome.Result never = tendHere("job", "add", "never", "--schedule", "0 0 31 2 *", "--", "true");
        assertEquals(2, never.exit(), never.toString());
        assertTrue(never.err().contains("never fires"), never.toString());

        assertEquals(0, tendHere("job", "rm", "hello").exit());
        TendHome.Result gone = tendHere("job", "run", "hello");
        assertEquals(3, gone.exit(), gone.toString());
    }
}
