package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.restarts;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user of the daily workflow meets: a signal that lands on the service's own program, `up --wait` that only
 * says ready for what stays up, an event stream without repeats, and `failed` that stays failed across daemons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalsAndReadinessIT {
    /** Prints a line for each HUP or USR1 it gets, and keeps running. */
    private static final String WORKER = """
            import signal, sys, time
            def note(n, f):
                print("got " + signal.Signals(n).name, flush=True)
            signal.signal(signal.SIGHUP, note)
            signal.signal(signal.SIGUSR1, note)
            print("worker up", flush=True)
            while True:
                time.sleep(1000)
            """;

    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    private static String log(TendProject p, String service) throws Exception {
        return p.ok("logs", "-n", "100", service).out();
    }

    private static TendProject awaitLog(TendProject p, String service, String text, int times) throws Exception {
        TendProject.await(service + " logs '" + text + "' " + times + " time(s)", () -> {
            String log = log(p, service);
            return log.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times ? log : null;
        });
        return p;
    }

    @Test
    void signalReachesTheMainProgramWhichSurvivesAndGroupReachesEveryProcess() throws Exception {
        TendProject p = new TendProject(tend, "signals", """
                services:
                  worker:
                    command: python3 worker.py
                  pair:
                    command: trap '' USR1; python3 worker.py & python3 worker.py & wait
                """);
        Files.writeString(p.file("worker.py"), WORKER);
        p.ok("up", "--wait");
        awaitLog(p, "worker", "worker up", 1);
        long before = pid(p.service("worker"));
        assertTrue(TendProject.descendants(before).isEmpty(), "a simple command runs without a shell above it: "
                + TendProject.descendants(before));

        p.ok("signal", "HUP", "worker");
        awaitLog(p, "worker", "got SIGHUP", 1);
        Thread.sleep(500);
        Map<String, Object> after = p.service("worker");
        assertEquals("ready", state(after), after.toString());
        assertEquals(before, pid(after), "the same process, alive: " + after);
        assertEquals(0, restarts(after), after.toString());

        awaitLog(p, "pair", "worker up", 2);
        long shell = pid(p.service("pair"));
        p.ok("signal", "USR1", "pair");
        Thread.sleep(500);
        assertFalse(log(p, "pair").contains("got SIGUSR1"), "without --group only the main process (the shell) hears it");
        p.ok("signal", "--group", "USR1", "pair");
        awaitLog(p, "pair", "got SIGUSR1", 2);
        assertEquals(shell, pid(p.service("pair")), "the shell ignores USR1 and lives on");
        p.ok("down");
    }

    @Test
    void upWaitFailsNamingAServiceThatCrashesSoonAfterStartingOrCannotStart() throws Exception {
        TendProject p = new TendProject(tend, "shaky", """
                services:
                  steady:
                    command: exec sleep 1000
                  flaky:
                    command: sleep 0.3; exit 3
                  slow-death:
                    command: sleep 1.5; exit 4
                    min_uptime: 4s
                  missing:
                    command: no-such-command-anywhere --serve
                """);
        for (String name : List.of("flaky", "slow-death", "missing")) {
            TendHome.Result r = p.tend("up", "--wait", name);
            assertNotEquals(0, r.exit(), name + ": " + r);
            assertTrue(r.err().contains("shaky/" + name), "names the service: " + r);
            p.ok("down");
        }
        TendHome.Result r = p.tend("up", "--wait", "steady");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> steady = p.service("steady");
        assertEquals("ready", state(steady));
        assertTrue(alive(pid(steady)));
        p.ok("down");
    }

    /** A subscriber's service.changed notifications of one project, as `tend events --json` prints them. */
    private static final class Events implements AutoCloseable {
        final Process process;
        final List<Map<String, Object>> services = new CopyOnWriteArrayList<>();

        Events(TendHome tend, String project) throws Exception {
            process = tend.start("events", "--json");
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        Map<String, Object> n = JsonObjects.object(Json.parse(line));
                        if ("service.changed".equals(n.get("method"))) {
                            Map<String, Object> s = JsonObjects.object(JsonObjects.object(n.get("params")).get("service"));
                            if (project.equals(s.get("project"))) {
                                services.add(s);
                            }
                        }
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        List<String> states() {
            return services.stream().map(TendProject::state).toList();
        }

        void awaitCount(String state, int n) throws Exception {
            TendProject.await(n + " '" + state + "' events; so far " + states(),
                    () -> states().stream().filter(state::equals).count() >= n ? true : null);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** What a user sees of an event: everything but usage figures. */
    private static List<Object> visible(Map<String, Object> s) {
        return List.of(String.valueOf(s.get("state")), String.valueOf(s.get("pid")), String.valueOf(s.get("exitCode")),
                String.valueOf(s.get("signal")), String.valueOf(s.get("reason")), String.valueOf(s.get("desired")),
                String.valueOf(s.get("restarts")));
    }

    @Test
    void theEventStreamHasOneEventPerRealChangeForStopStartRestartAndCrash() throws Exception {
        TendProject p = new TendProject(tend, "quiet", """
                services:
                  web:
                    command: exec sleep 1000
                """);
        p.ok("up", "--wait");
        try (Events events = new Events(tend, "quiet")) {
            Thread.sleep(1000); // subscribed
            p.ok("stop", "web");
            events.awaitCount("stopped", 1);
            p.ok("start", "web");
            events.awaitCount("ready", 1);
            p.ok("restart", "web");
            events.awaitCount("ready", 2);
            long pid = pid(p.service("web"));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            events.awaitCount("ready", 3);
            Thread.sleep(1500); // anything repeated would have come by now

            List<String> states = events.states();
            assertEquals(List.of(
                    "stopping", "stopped",
                    "starting", "running", "ready",
                    "stopping", "stopped", "starting", "running", "ready",
                    "crashed", "starting", "running", "ready"), states, "one event per change");
            List<Object> previous = null;
            for (Map<String, Object> s : events.services) {
                List<Object> now = visible(s);
                assertNotEquals(previous, now, "an event repeats the one before it: " + s);
                previous = now;
                if (state(s).equals("starting")) {
                    assertTrue(s.get("signal") == null && s.get("exitCode") == null,
                            "a new start carries nothing of the last run's end: " + s);
                }
            }
            assertEquals("SIGTERM", events.services.get(1).get("signal"), "stopped says how: " + events.services.get(1));
            assertTrue(Objects.equals(events.services.get(10).get("signal"), "SIGKILL"), events.services.get(10).toString());
        }
        p.ok("down");
    }

    @Test
    void aFailedServiceStaysFailedAfterTheDaemonRestartsUntilStartedByHand() throws Exception {
        TendProject p = new TendProject(tend, "doomed", """
                services:
                  bad:
                    command: exit 1
                    max_restarts: 1
                """);
        p.ok("up");
        Map<String, Object> failed = p.awaitState("bad", "failed");
        String reason = String.valueOf(failed.get("reason"));
        long startsBefore = starts(p);

        tend.tend("daemon", "stop");
        Map<String, Object> again = p.service("bad"); // starts the next daemon
        Thread.sleep(2000); // a crash loop would have started by now
        again = p.service("bad");
        assertEquals("failed", state(again), again.toString());
        assertEquals(reason, String.valueOf(again.get("reason")), "the reason is kept: " + again);
        assertEquals(startsBefore, starts(p), "no new start after the daemon restart: " + p.history("doomed/bad"));

        p.tend("start", "bad");
        TendProject.await("a start by hand tries again", () -> starts(p) > startsBefore ? true : null);
        p.awaitState("bad", "failed");
        p.ok("down");
        tend.tend("daemon", "stop");
        assertEquals("stopped", state(p.service("bad")), "down clears failed");
    }

    @Test
    void aDownThatWaitsForAServiceIgnoringItsStopSignalSaysWhoAndWhatEndsTheWait() throws Exception {
        TendProject p = new TendProject(tend, "stubborn", """
                services:
                  deaf:
                    command: trap '' TERM; while :; do sleep 1; done
                    stop_timeout: 6s
                  polite:
                    command: sleep 600
                """);
        p.ok("up", "--wait");
        TendHome.Result down = p.ok("down");
        assertTrue(down.err().contains("tend: still stopping deaf (it was sent its stop signal; what is left of it is "
                + "killed after its stop_timeout)"), down.toString());
        assertFalse(down.err().contains("polite"), "only who holds the down up is named: " + down);
        assertEquals("stopped", state(p.service("deaf")), down.toString());
    }

    private static long starts(TendProject p) throws Exception {
        List<Map<String, Object>> h = new ArrayList<>(p.history("doomed/bad"));
        return h.stream().filter(e -> "started".equals(e.get("kind"))).count();
    }
}
