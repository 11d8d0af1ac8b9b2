package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Services outlive neither a killed nor a stopped daemon's absence: the next command brings them back (§3). */
class DaemonRecoveryIT {
    private static final List<String> FIVE = List.of("s1", "s2", "s3", "s4", "s5");

    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private TendProject fiveServices() throws Exception {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (String s : FIVE) {
            yaml.append("  ").append(s).append(":\n    command: sleep 1000\n");
        }
        TendProject p = new TendProject(tend, "five", yaml.toString());
        p.ok("up", "--wait");
        return p;
    }

    /** Pids of the named services once ps shows them all ready (and, if given, with pids other than {@code old}). */
    private static Map<String, Long> ready(TendProject p, List<String> names, Map<String, Long> old) throws Exception {
        return TendProject.await("services " + names + " are ready" + (old.isEmpty() ? "" : " with new pids"), () -> {
            Map<String, Long> pids = new HashMap<>();
            for (Map<String, Object> s : p.ps()) {
                String name = s.get("name").toString();
                if (names.contains(name) && "ready".equals(state(s)) && pid(s) > 0 && pid(s) != old.getOrDefault(name, 0L)) {
                    pids.put(name, pid(s));
                }
            }
            return pids.size() == names.size() ? pids : null;
        });
    }

    private static Map<String, Long> runAgain(TendProject p, Map<String, Long> old, List<String> names) throws Exception {
        return ready(p, names, old);
    }

    @Test
    void afterTwoDaemonsInARowDiedOfABugTheNextStartsNoServiceSaysWhyOnceAndUpStartsThem() throws Exception {
        TendProject p = new TendProject(tend, "loop", "services:\n  web:\n    command: sleep 1000\n");
        p.ok("up", "--wait");
        assertEquals(0, p.tend("daemon", "stop").exit());
        // what two daemons that each died of a bug soon after their start leave (lifecycle/CrashLoop)
        Files.writeString(tend.stateDir().resolve("quick-deaths"),
                "2\nthread log-web-out died of java.lang.OutOfMemoryError: Java heap space\n");

        TendHome.Result first = p.tend("ps");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.err().contains("tend: warning: the last 2 daemons died of a bug within 5 minutes of starting "
                + "(the last: thread log-web-out died of java.lang.OutOfMemoryError: Java heap space;"), first.toString());
        // the line is logged where the services would have been started: once it is there, none was
        TendHome.waitUntil("the daemon logs that it held the services back", () -> {
            try {
                return Files.readString(tend.stateDir().resolve("daemon.log")).contains("so this one started no service");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertEquals("stopped", state(p.ps().get(0)), p.ps().toString());
        TendHome.Result second = p.tend("ps");
        assertTrue(!second.err().contains("died of a bug"), "said once: " + second);

        p.ok("up", "--wait");
        assertEquals("ready", state(p.ps().get(0)));
    }

    @Test
    void aJobRunTheKilledDaemonLeftReadsInterruptedInTheJobListAtOnceAsInItsHistory() throws Exception {
        TendProject p = new TendProject(tend, "pj", "jobs:\n  long:\n    schedule: \"@yearly\"\n"
                + "    command: sleep 999301\n");
        p.ok("up");
        p.ok("job", "run", "long");
        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        TendHome.Result jobs = p.tend("jobs", "--json");
        assertEquals(0, jobs.exit(), jobs.toString());
        Object job = dev.tend.protocol.json.JsonObjects.array(dev.tend.protocol.json.Json.parse(jobs.out())).get(0);
        Object lastRun = dev.tend.protocol.json.JsonObjects.object(job).get("lastRun");
        assertEquals("interrupted", dev.tend.protocol.json.JsonObjects.object(lastRun).get("outcome"), jobs.out());
        TendHome.Result history = p.tend("job", "history", "long", "--json");
        assertTrue(history.out().contains("\"outcome\":\"interrupted\""), history.toString());
        TendHome.waitUntil("the killed daemon's job run was reaped", () -> ProcessHandle.allProcesses()
                .noneMatch(h -> h.info().commandLine().orElse("").contains("sleep 999301")));
    }

    @Test
    void aJobRunQueuedWhenTheDaemonWasKilledIsInTheHistoryAsSkipped() throws Exception {
        TendProject p = new TendProject(tend, "pq", "jobs:\n  long:\n    schedule: \"@yearly\"\n"
                + "    overlap: queue\n    command: sleep 999303\n");
        p.ok("up");
        p.ok("job", "run", "long");
        TendHome.Result queued = p.tend("job", "run", "long");
        assertTrue(queued.out().contains("queued"), queued.toString());
        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        TendHome.Result history = p.tend("job", "history", "long", "--json");
        assertEquals(0, history.exit(), history.toString());
        List<Object> runs = dev.tend.protocol.json.JsonObjects.array(dev.tend.protocol.json.Json.parse(history.out()));
        assertEquals(2, runs.size(), history.out());
        Map<String, Object> skipped = dev.tend.protocol.json.JsonObjects.object(runs.get(1));
        assertEquals("skipped", skipped.get("outcome"), history.out());
        assertEquals("manual", skipped.get("trigger"), history.out());
        assertEquals("the daemon stopped while it was queued", skipped.get("reason"), history.out());
        TendHome.waitUntil("the killed daemon's job run was reaped", () -> ProcessHandle.allProcesses()
                .noneMatch(h -> h.info().commandLine().orElse("").contains("sleep 999303")));
    }

    @Test
    void killedDaemonLeavesNoOrphansAndTheNextCommandRestartsItsServices() throws Exception {
        TendProject p = fiveServices();
        Map<String, Long> old = ready(p, FIVE, Map.of());
        List<Long> oldTree = new ArrayList<>(old.values());
        old.values().forEach(pid -> oldTree.addAll(TendProject.descendants(pid)));

        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);
        assertTrue(oldTree.stream().allMatch(TendProject::alive), "the services outlive the killed daemon for now");

        TendHome.Result r = p.tend("ps");
        assertEquals(0, r.exit(), r.toString());

        Map<String, Long> fresh = runAgain(p, old, FIVE);
        TendProject.await("every process of the old daemon's services is gone",
                () -> oldTree.stream().noneMatch(TendProject::alive) ? true : null);
        fresh.values().forEach(pid -> assertTrue(alive(pid)));
        for (String s : FIVE) {
            List<Map<String, Object>> history = p.history(s);
            assertTrue(history.stream().anyMatch(h -> "started".equals(h.get("kind")) && pid(h) == old.get(s)),
                    "the old start is still in the history: " + history);
            assertTrue(history.stream().anyMatch(h -> "reaped".equals(h.get("kind")) && pid(h) == old.get(s)),
                    "the new daemon recorded reaping the old process: " + history);
            assertTrue(history.stream().anyMatch(h -> "started".equals(h.get("kind")) && pid(h) == fresh.get(s)),
                    history.toString());
        }
        assertEquals(1, tend.daemons().size());
    }

    @Test
    void orphansOfAKilledDaemonGetTheirOwnStopSignalAllAtOnceWhileTheNextCommandIsAnswered() throws Exception {
        // Sixteen services that ignore SIGTERM: reaped one after another with a grace each, they would keep the
        // next daemon from answering for longer than a client waits. Their output goes nowhere because an
        // orphan's pipes led to the killed daemon: the shell's "User defined signal 1" would kill it by SIGPIPE.
        List<String> names = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= 16; i++) {
            String name = "u" + i;
            names.add(name);
            yaml.append("  ").append(name).append(":\n")
                    .append("    command: \"exec >/dev/null 2>&1; trap '' TERM; trap 'echo $$ >> usr1-").append(name).append("; exit 0' USR1; ")
                    .append("echo $$ > armed-").append(name).append("; while :; do sleep 0.1; done\"\n")
                    .append("    stop_signal: SIGUSR1\n")
                    .append("    stop_timeout: 20s\n");
        }
        TendProject p = new TendProject(tend, "stubborn", yaml.toString());
        p.ok("up", "--wait");
        Map<String, Long> old = ready(p, names, Map.of());
        Map<String, String> shells = new HashMap<>();
        for (String n : names) {
            TendProject.await(n + "'s traps are set", () -> Files.exists(p.file("armed-" + n)) ? true : null);
            shells.put(n, Files.readString(p.file("armed-" + n)).trim());
        }

        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        TendHome.Result r = p.tend("ps");
        assertEquals(0, r.exit(), r.toString());

        for (String n : names) {
            String shellPid = shells.get(n);
            TendProject.await(n + "'s old process got SIGUSR1", () -> Files.exists(p.file("usr1-" + n))
                    && Files.readString(p.file("usr1-" + n)).contains(shellPid) ? true : null);
        }
        TendProject.await("the old processes are gone",
                () -> old.values().stream().noneMatch(TendProject::alive) ? true : null);
        runAgain(p, old, names).values().forEach(pid -> assertTrue(alive(pid)));
        List<Map<String, Object>> history = p.history("u1");
        assertTrue(history.stream().anyMatch(h -> "reaped".equals(h.get("kind")) && pid(h) == old.get("u1")
                && String.valueOf(h.get("reason")).contains("SIGUSR1")), history.toString());
    }

    @Test
    void servicesRunningAtAGracefulDaemonStopStartAgainWithTheNextCommand() throws Exception {
        TendProject p = fiveServices();
        p.ok("stop", "s5");
        Map<String, Long> old = ready(p, FIVE.subList(0, 4), Map.of());
        assertEquals("stopped", state(p.service("s5")));

        TendHome.Result stop = tend.tend("daemon", "stop");
        assertEquals(0, stop.exit(), stop.toString());
        TendProject.await("the daemon stopped its services",
                () -> old.values().stream().noneMatch(TendProject::alive) ? true : null);
        assertTrue(tend.daemons().isEmpty(), "no daemon runs");

        p.ok("ps");
        runAgain(p, old, FIVE.subList(0, 4)).values().forEach(pid -> assertTrue(alive(pid)));
        assertEquals("stopped", state(p.service("s5")), "what was stopped by hand stays stopped");
        assertEquals(1, p.history("s5").stream().filter(h -> "started".equals(h.get("kind"))).count(),
                "s5 was not started again");
    }
}
