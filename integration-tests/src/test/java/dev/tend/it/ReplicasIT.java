package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `replicas: N` and `tend scale` as a user meets them: copies api#1..api#N with their own process, port, log and
 * TEND_REPLICA; refs to api meaning every copy; scale and reload changing only the difference; a scale outliving
 * a killed daemon until the file's replicas changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasIT {
    /** Says which copy it is and its port, then waits. */
    private static final String COPY = "echo \\\"copy $TEND_REPLICA on $PORT\\\"; exec sleep 300";

    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    private static String yaml(int replicas) {
        return """
                services:
                  api:
                    command: "%s"
                    port: auto
                    replicas: %d
                  web:
                    command: "exec sleep 300"
                    depends_on: [api]
                """.formatted(COPY, replicas);
    }

    /** name -> pid of each copy of api that ps lists, by number. */
    private static Map<String, Long> copies(TendProject p) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> s : p.ps()) {
            if ("api".equals(s.get("group"))) {
                out.put(String.valueOf(s.get("name")), pid(s));
            }
        }
        return out;
    }

    private static Map<String, Long> awaitCopies(TendProject p, int n) throws Exception {
        return TendProject.await(n + " copies of api are ready", () -> {
            List<Map<String, Object>> ps = p.ps().stream().filter(s -> "api".equals(s.get("group"))).toList();
            boolean ready = ps.size() == n && ps.stream().allMatch(s -> "ready".equals(TendProject.state(s)));
            return ready ? copies(p) : null;
        });
    }

    /** A project of api (with its replicas) and web depending on it, up and ready. */
    private TendProject up(String name, int replicas) throws Exception {
        TendProject p = new TendProject(tend, name, yaml(replicas));
        p.ok("up", "--wait");
        return p;
    }

    /** The command fails, saying the words on stderr. */
    private static void refused(TendProject p, String words, String... args) throws Exception {
        TendHome.Result r = p.tend(args);
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains(words), "expected '" + words + "' in: " + r);
    }

    @Test
    void eachCopyHasItsOwnProcessPortEnvironmentAndLog() throws Exception {
        TendProject p = new TendProject(tend, "two", yaml(2));
        p.ok("up", "--wait");
        List<Map<String, Object>> ps = p.ps();
        assertEquals(List.of("api#1", "api#2", "web"), ps.stream().map(s -> s.get("name")).toList());
        Map<String, Object> first = ps.get(0);
        Map<String, Object> second = ps.get(1);
        assertEquals("api", first.get("group"));
        assertEquals(2L, ((Number) second.get("replica")).longValue());
        assertEquals(null, ps.get(2).get("group"), "a plain service has no group");
        assertNotEquals(pid(first), pid(second));
        assertNotEquals(first.get("port"), second.get("port"), "each copy has a port of its own");

        String logs = TendProject.await("both copies wrote their line", () -> {
            String out = p.ok("logs", "api").out();
            return out.contains("copy 1 on " + first.get("port")) && out.contains("copy 2 on " + second.get("port"))
                    ? out : null;
        });
        assertTrue(logs.contains("api#1") && logs.contains("api#2"), "each line is labelled by its copy: " + logs);

        p.ok("stop", "api#2");
        assertEquals("stopped", TendProject.state(p.service("api#2")));
        assertEquals("ready", TendProject.state(p.service("api#1")), "stopping one copy leaves the other running");
        assertEquals(pid(first), pid(p.service("api#1")));

        refused(p, "api runs 2 copies (api#1, api#2)", "stop", "api#9");
        refused(p, "name one (api#1, api#2)", "history", "api"); // history is of one copy

        p.ok("start", "api");
        Map<String, Long> started = awaitCopies(p, 2);
        assertEquals(pid(first), started.get("api#1"), "starting the group leaves a running copy alone");

        p.ok("restart", "api", "--rolling");
        Map<String, Long> rolled = awaitCopies(p, 2);
        assertTrue(rolled.get("api#1") != pid(first) && !rolled.get("api#2").equals(started.get("api#2")),
                "every copy got a new process: " + started + " -> " + rolled);
        p.ok("down");
    }

    @Test
    void psShowsTheGroupAboveItsCopiesAndLogsFollowOfTheGroupPrintsCopiesAScaleAdds() throws Exception {
        TendProject p = up("followed", 1);
        String table = p.ok("ps").out();
        List<String> rows = table.lines().toList();
        assertTrue(rows.get(1).matches("api\\s+1/1 up\\s.*"), "the group's summary row comes first: " + table);
        assertTrue(rows.get(2).startsWith("api#1 "), "then its copy: " + table);

        Process group = tend.startIn(p.dir(), "logs", "-f", "-n", "0", "api");
        Process one = tend.startIn(p.dir(), "logs", "-f", "-n", "0", "api#1");
        Process project = tend.startIn(p.dir(), "logs", "-f", "-n", "0");
        try {
            for (Process f : List.of(group, one, project)) {
                killAfter(f, 3);
            }
            p.ok("scale", "api", "3");
            Map<String, Long> three = awaitCopies(p, 3);
            String fromGroup = readUntil(group, "copy 3 on");
            assertTrue(fromGroup.contains("api#3"), "a copy added after logs -f began is followed, labelled: " + fromGroup);
            assertTrue(readUntil(project, "copy 3 on").contains("api#3"), "so it is by a follower of the project");
            assertEquals(3, three.size());
            p.ok("restart", "api#1");
            String fromOne = readUntil(one, "copy 1 on");
            assertTrue(!fromOne.contains("copy 2 on") && !fromOne.contains("copy 3 on"),
                    "a follower of one copy sees that copy only: " + fromOne);
            assertTrue(one.isAlive() && group.isAlive() && project.isAlive(), "the followers go on following");
        } finally {
            for (Process f : List.of(group, one, project)) {
                f.destroyForcibly();
                f.waitFor(30, TimeUnit.SECONDS);
            }
        }
        p.ok("down");
    }

    @Test
    void aCopyAddedWhileLogsFollowIsStillPrintingItsTailIsFollowedFromItsFirstLine() throws Exception {
        // copy 1 writes more than a pipe holds, so a follower whose output is not read yet is stuck in its tail,
        // before it subscribes: the copy the scale adds meanwhile exists neither in its tail nor before its events
        TendProject p = new TendProject(tend, "busy", """
                services:
                  api:
                    command: "if [ $TEND_REPLICA = 1 ]; then seq 1 30000; fi; echo copy $TEND_REPLICA; exec sleep 300"
                    replicas: 1
                """);
        p.ok("up", "--wait");
        TendProject.await("copy 1 wrote its lines", () -> p.ok("logs", "-n", "1", "api").out().contains("copy 1") ? true : null);
        Process follower = tend.startIn(p.dir(), "logs", "-f", "-n", "0", "api");
        try {
            killAfter(follower, 3);
            p.ok("scale", "api", "2");
            awaitCopies(p, 2);
            TendProject.await("copy 2 wrote its line", () -> p.ok("logs", "api#2").out().contains("copy 2") ? true : null);
            String printed = readUntil(follower, "copy 2");
            assertTrue(printed.contains("api#2"), "labelled by its copy");
        } finally {
            follower.destroyForcibly();
            follower.waitFor(30, TimeUnit.SECONDS);
        }
        p.ok("down");
    }

    /** What the follower printed up to and including the first line that contains the words. */
    private static String readUntil(Process follower, String words) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.contains(words)) {
                return seen.toString();
            }
        }
        throw new AssertionError("the follower ended before '" + words + "': " + seen);
    }

    /** A follower that never sees what it waits for is ended, so its read returns and the test fails instead of hanging. */
    private static void killAfter(Process process, int minutes) {
        Thread t = new Thread(() -> {
            try {
                if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the test is over
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void scaleStartsTheNewCopiesAndStopsTheHighestLeavingTheOthersAndTheirDependentsAlone() throws Exception {
        TendProject p = up("scaled", 1);
        Map<String, Long> one = awaitCopies(p, 1);
        long web = pid(p.service("web"));

        p.ok("scale", "api", "3");
        Map<String, Long> three = awaitCopies(p, 3);
        assertEquals(one.get("api#1"), three.get("api#1"), "api#1 untouched");
        assertEquals(3, new HashSet<>(p.ps().stream().filter(s -> "api".equals(s.get("group")))
                .map(s -> s.get("port")).toList()).size(), "three ports");

        p.ok("scale", "api", "1");
        Map<String, Long> back = awaitCopies(p, 1);
        assertEquals(one.get("api#1"), back.get("api#1"));
        TendProject.await("the removed copies' processes are gone",
                () -> !TendProject.alive(three.get("api#2")) && !TendProject.alive(three.get("api#3")) ? true : null);
        assertEquals(web, pid(p.service("web")), "scaling api does not restart its dependent");

        refused(p, "from 1 to 64, not 0", "scale", "api", "0");
        refused(p, "no service named 'nope'", "scale", "nope", "2");
        assertEquals(Set.of("api#1"), copies(p).keySet(), "a refused scale changes nothing");
        p.ok("down");
    }

    @Test
    void reloadChangingReplicasStartsAndStopsOnlyTheDifference() throws Exception {
        TendProject p = up("reloaded", 3);
        Map<String, Long> three = awaitCopies(p, 3);

        p.write(yaml(1));
        p.ok("reload");
        Map<String, Long> one = awaitCopies(p, 1);
        assertEquals(three.get("api#1"), one.get("api#1"));

        p.write(yaml(2));
        p.ok("reload");
        Map<String, Long> two = awaitCopies(p, 2);
        assertEquals(three.get("api#1"), two.get("api#1"), "api#1 kept its process through 3 -> 1 -> 2");
        assertNotEquals(three.get("api#2"), two.get("api#2"), "api#2 is a new copy");
        p.ok("down");
    }

    @Test
    void aScaleOutlivesAKilledDaemonUntilTheFileChangesItsReplicas() throws Exception {
        TendProject p = up("kept", 2);
        p.ok("scale", "api", "3");
        Map<String, Long> before = awaitCopies(p, 3);

        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        Map<String, Long> after = TendProject.await("three fresh copies are ready", () -> {
            Map<String, Long> c = awaitCopies(p, 3);
            return c.values().stream().noneMatch(before::containsValue) ? c : null;
        });
        TendProject.await("the killed daemon's copies are gone",
                () -> before.values().stream().noneMatch(TendProject::alive) ? true : null);
        Set<Long> ours = new HashSet<>(after.values());
        ours.add(pid(p.service("web")));
        ours.add(tend.daemonPid());
        ProcessHandle.of(tend.daemonPid()).flatMap(ProcessHandle::parent).ifPresent(l -> ours.add(l.pid())); // bin/tend
        Set<String> leftovers = tend.processes().stream().filter(ph -> !ours.contains(ph.pid()))
                .filter(ph -> ours.stream().noneMatch(o -> TendProject.descendants(o).contains(ph.pid())))
                .map(ph -> ph.pid() + " " + ph.info().commandLine().orElse("?")).collect(Collectors.toSet());
        assertEquals(Set.of(), leftovers, "no orphan besides the daemon and its services");

        p.write(yaml(1));
        p.ok("reload");
        Map<String, Long> one = awaitCopies(p, 1);
        assertEquals(after.get("api#1"), one.get("api#1"), "the file's changed replicas wins over the scale");
        p.ok("down");
    }

    @Test
    void aDaemonKilledWhileAScaleStopsCopiesLeavesTheScaledCountAndNoOrphan() throws Exception {
        // copies that take a while to stop, so the daemon dies while the scale is still stopping them
        TendProject p = new TendProject(tend, "midway", """
                services:
                  api:
                    command: "trap 'sleep 2; exit 0' TERM; echo up; sleep 300 & wait"
                    replicas: 3
                """);
        p.ok("up", "--wait");
        Map<String, Long> three = awaitCopies(p, 3);
        p.ok("scale", "api", "1");
        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        Map<String, Long> one = TendProject.await("one fresh copy is ready", () -> {
            Map<String, Long> c = awaitCopies(p, 1);
            return c.get("api#1").equals(three.get("api#1")) ? null : c;
        });
        assertEquals(Set.of("api#1"), one.keySet(), "the next daemon runs the scaled count");
        TendProject.await("every process of the killed daemon's copies is gone",
                () -> three.values().stream().noneMatch(TendProject::alive) ? true : null);
        p.ok("down");
    }

    @Test
    void aBadReplicasIsRefusedWithItsLine() throws Exception {
        TendProject p = new TendProject(tend, "bad", """
                services:
                  api:
                    command: "exec sleep 300"
                    replicas: 0
                """);
        refused(p, "tend.yaml:4", "up");
        refused(p, "from 1 to 64, not 0", "up");
    }
}
