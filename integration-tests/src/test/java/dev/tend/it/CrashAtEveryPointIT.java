package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon killed at the worst moments of `up` (20 services), `down`, `reload` and a job run: the daemon halts
 * itself at a named point ({@code TEND_TEST_HALT_AT}, as a kill -9 would: no cleanup), the next command recovers,
 * and after `up` and `down` no process of the project is left, none ran twice, and every start in the history has
 * its end. Each service leaves a detached `sleep` behind its shell, which dies of SIGPIPE once the daemon's pipe
 * is gone: only the run's mark can find that sleep.
 */
class CrashAtEveryPointIT {
    private static final String HALT = "TEND_TEST_HALT_AT";
    private static final int SERVICES = 20;
    /** Ends a "started" run in the history. */
    private static final Set<String> ENDS = Set.of("stopped", "exited", "completed", "crashed", "reaped", "failed", "restarting");

    private static TendHome tend;
    private static TendProject project;

    @BeforeAll
    static void setUp() throws Exception {
        tend = new TendHome();
        project = new TendProject(tend, "crash", services("v1") + jobs());
    }

    @AfterAll
    static void tearDown() throws Exception {
        tend.close();
    }

    /** Twenty services, each with a detached sleep of its own (999201, 999202, ...) and a shell that talks. */
    private static String services(String version) {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= SERVICES; i++) {
            yaml.append("  s").append(i).append(":\n    command: \"sleep ").append(999200 + i)
                    .append(" & while true; do echo ").append(version).append("; sleep 1; done\"\n");
        }
        return yaml.toString();
    }

    @ParameterizedTest(name = "{0}: halted at {1}")
    @CsvSource({
            "up, launch.recorded@1",
            "up, launch.recorded@12",
            "up, launch.forked@1",
            "up, launch.forked@15",
            "up, launch.started@7",
            "up, launch.started@20",
            "down, stop.signalled@1",
            "down, stop.signalled@11",
            "reload, launch.forked@23",
            "job, job.forked@1",
    })
    void afterACrashAtAnyPointRecoveryAndDownLeaveNoProcessNoDuplicateAndAConsistentHistory(String phase, String point)
            throws Exception {
        project.write(services("v1") + jobs());
        tend.tend("daemon", "stop");
        tend.env().put(HALT, point);
        try {
            switch (phase) {
                case "up" -> project.tend("up");
                case "down" -> {
                    project.ok("up", "--wait");
                    project.tend("down");
                }
                case "reload" -> {
                    project.ok("up", "--wait");
                    project.write(services("v2") + jobs());
                    project.tend("reload");
                }
                case "job" -> {
                    project.ok("up", "--wait");
                    project.tend("job", "run", "nightly");
                }
                default -> throw new IllegalArgumentException(phase);
            }
            TendHome.waitUntil("the daemon halted at " + point, () -> tend.daemons().isEmpty());
            assertTrue(daemonLog().contains("halting at " + point.substring(0, point.indexOf('@'))),
                    "the daemon halted at the point asked for, not elsewhere");
        } finally {
            tend.env().remove(HALT);
        }

        project.ok("up", "--wait");
        for (int i = 1; i <= SERVICES; i++) {
            String sleep = "sleep " + (999200 + i);
            TendHome.waitUntil("one " + sleep + " after the recovery", () -> count(sleep) == 1);
        }
        TendHome.waitUntil("the job's run of the halted daemon was reaped", () -> count("sleep 999300") == 0);

        project.ok("down");
        TendHome.waitUntil("no process of the project is left after down", () -> projectProcesses().isEmpty());
        // One connection for twenty histories: twenty CLI runs would cost more than the rest of the case.
        try (RawPeer peer = new RawPeer(tend.socket())) {
            for (int i = 1; i <= SERVICES; i++) {
                String answer = peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"service.history\","
                        + "\"params\":{\"ref\":\"crash/s" + i + "\",\"limit\":10000}}");
                Map<String, Object> result = JsonObjects.object(JsonObjects.object(Json.parse(answer)).get("result"));
                assertEveryStartEnded(JsonObjects.array(result.get("entries")).stream().map(JsonObjects::object).toList());
            }
        }
    }

    private static String jobs() {
        return """
                jobs:
                  nightly:
                    schedule: "@yearly"
                    command: "sleep 999300 & while true; do echo tick; sleep 1; done"
                """;
    }

    private static void assertEveryStartEnded(List<Map<String, Object>> history) {
        Map<Long, Integer> open = new HashMap<>();
        for (Map<String, Object> h : history) {
            String kind = String.valueOf(h.get("kind"));
            if ("started".equals(kind)) {
                open.merge(pid(h), 1, Integer::sum);
            } else if (ENDS.contains(kind)) {
                open.computeIfPresent(pid(h), (p, n) -> n == 1 ? null : n - 1);
            }
        }
        assertTrue(open.isEmpty(), "every start has its end, but " + open.keySet() + " have none: " + history);
    }

    /** Processes (not the daemon) whose command line is exactly this one (the shell that started it is not). */
    private static long count(String commandLine) {
        return projectProcesses().stream().filter(ph -> commandLine(ph).equals(commandLine)).count();
    }

    /** Processes of this home carrying a run's mark (TEND_RUN): not the daemon, nor its launcher or a client. */
    private static List<ProcessHandle> projectProcesses() {
        List<ProcessHandle> found = new ArrayList<>();
        for (ProcessHandle ph : tend.processes()) {
            try {
                String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(ph.pid()), "environ")),
                        StandardCharsets.UTF_8);
                if (("\0" + environ).contains("\0TEND_RUN=")) {
                    found.add(ph);
                }
            } catch (java.io.IOException gone) {
                // exited meanwhile
            }
        }
        return found;
    }

    private static String commandLine(ProcessHandle ph) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(ph.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String daemonLog() throws java.io.IOException {
        Path log = tend.stateDir().resolve("daemon.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
