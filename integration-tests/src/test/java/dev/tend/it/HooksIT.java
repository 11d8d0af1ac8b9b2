package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.tend.it.TendProject.alive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hooks (docs/hooks.md) run by the real daemon: on_failure, on_ready, config.yaml's on_failed, the timeout. */
class HooksIT {
    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private void config(String yaml) throws Exception {
        Files.writeString(tend.home().resolve("config.yaml"), yaml);
    }

    /** daemon.log's JSON lines, with JSON's escaped slashes read back. */
    private String daemonLog() throws Exception {
        return Files.readString(tend.stateDir().resolve("daemon.log")).replace("\\/", "/");
    }

    /** The file's lines once it exists (hooks write a temp file and rename it: never half a file). */
    private static List<String> awaitLines(Path file, int atLeast) throws Exception {
        return TendProject.await(file.getFileName() + " has " + atLeast + " lines", () -> {
            if (!Files.exists(file)) {
                return null;
            }
            List<String> lines = Files.readAllLines(file);
            return lines.size() >= atLeast ? lines : null;
        });
    }

    @Test
    void aCrashRunsOnFailureWithWhatHappenedAndReachingFailedRunsTheDaemonWideHook() throws Exception {
        config("""
                hooks:
                  on_failed: 'echo "$TEND_PROJECT/$TEND_SERVICE $TEND_STATE $TEND_HOOK" >> "$TEND_HOME/failed.log"'
                """);
        TendProject p = new TendProject(tend, "hooked", """
                services:
                  boom:
                    command: exit 3
                    restart: "no"
                    on_failure: 'printf "%s\\n" "$TEND_PROJECT" "$TEND_SERVICE" "$TEND_EXIT_CODE" "$TEND_RESTARTS" "$TEND_STATE" "${TEND_SIGNAL-none}" > boom.tmp && mv boom.tmp boom.out'
                  killed:
                    command: kill -KILL $$
                    restart: "no"
                    on_failure: 'printf "%s\\n" "$TEND_SIGNAL" "${TEND_EXIT_CODE-none}" > killed.tmp && mv killed.tmp killed.out'
                  gives-up:
                    command: exit 1
                    max_restarts: 0
                """);
        p.ok("up");
        assertEquals(List.of("hooked", "boom", "3", "0", "completed", "none"), awaitLines(p.file("boom.out"), 6),
                "on_failure ran in the service's directory with what happened in its environment");
        assertEquals(List.of("SIGKILL", "none"), awaitLines(p.file("killed.out"), 2));
        assertEquals(List.of("hooked/gives-up failed on_failed"), awaitLines(tend.home().resolve("failed.log"), 1),
                "config.yaml's on_failed ran for the service that reached failed, and only for it");
        TendProject.await("the daemon's log has each hook's exit code", () -> {
            String text = daemonLog();
            return text.contains("hook hooked/boom on_failure ended: exit code 0")
                    && text.contains("hook hooked/gives-up hooks.on_failed ended: exit code 0") ? text : null;
        });
    }

    @Test
    void onReadyRunsEachTimeTheServiceBecomesReady() throws Exception {
        TendProject p = new TendProject(tend, "ready", """
                services:
                  web:
                    command: sleep 1000
                    min_uptime: 100ms
                    on_ready: 'echo "$TEND_SERVICE $TEND_STATE" >> ready.log'
                """);
        p.ok("up", "--wait");
        assertEquals(List.of("web ready"), awaitLines(p.file("ready.log"), 1));
        p.ok("restart", "web");
        p.awaitState("web", "ready");
        assertEquals(List.of("web ready", "web ready"), awaitLines(p.file("ready.log"), 2),
                "once per time it became ready");
    }

    @Test
    void aHangingHookIsKilledWithItsTreeAfterItsTimeoutAndSupervisionGoesOn() throws Exception {
        config("hooks:\n  timeout: 2s\n");
        TendProject p = new TendProject(tend, "hangs", """
                services:
                  flaky:
                    command: exit 1
                    max_restarts: 2
                    on_failure: 'echo $$ >> hook.pids; sleep 1000 & echo $! >> hook.pids; wait'
                """);
        p.ok("up");
        p.awaitState("flaky", "failed");
        // crashed, crashed, failed: three hooks, each a shell and its sleep, each killed after its timeout
        List<String> pids = awaitLines(p.file("hook.pids"), 6);
        for (String pid : pids) {
            TendProject.await("hook process " + pid + " is gone", () -> alive(Long.parseLong(pid.trim())) ? null : true);
        }
        String log = TendProject.await("the daemon's log says the hooks were killed", () -> {
            String text = daemonLog();
            return text.split("hook hangs/flaky on_failure still ran after its timeout of 2s: killed with its "
                    + "process tree", -1).length - 1 == 3 ? text : null;
        });
        assertTrue(log.contains("hook hangs/flaky on_failure started"), log);

        p.tend("start", "flaky"); // exits 1: flaky crashes at once, and start says so
        TendProject.await("supervision goes on: flaky crashed and failed again", () ->
                p.history("flaky").stream().filter(h -> "failed".equals(h.get("kind"))).count() == 2 ? true : null);
    }

    @Test
    void aHookStillRunningWhenTheDaemonStopsIsKilledWithItsTree() throws Exception {
        config("hooks:\n  timeout: 10m\n");
        TendProject p = new TendProject(tend, "stopping", """
                services:
                  once:
                    command: exit 1
                    restart: "no"
                    on_failure: 'echo $$ >> hook.pids; sleep 1000 & echo $! >> hook.pids; wait'
                """);
        p.ok("up");
        List<String> pids = awaitLines(p.file("hook.pids"), 2);

        p.ok("daemon", "stop");

        for (String pid : pids) {
            TendProject.await("hook process " + pid + " is gone with the daemon",
                    () -> alive(Long.parseLong(pid.trim())) ? null : true);
        }
    }
}
