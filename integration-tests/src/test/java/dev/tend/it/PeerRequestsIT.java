package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI and the TUI cannot drift from the daemon: every request they send while a user goes through their
 * commands and keys is checked against the daemon's own parameter schema (rpc.discover: names, required ones,
 * JSON types). A recording proxy stands where the peers look for the daemon and passes everything on to it.
 */
class PeerRequestsIT {
    private final String tmuxSocket = "tend-peer-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @Test
    void everyRequestTheCliAndTheTuiBuildFitsTheDaemonsSchema() throws Exception {
        Path peerHome = Files.createTempDirectory("tend-peer-it-");
        try (TendHome tend = new TendHome()) {
            assertEquals(0, tend.tend("daemon", "status").exit());
            try (RecordingProxy proxy = new RecordingProxy(peerHome.resolve("run/default.sock"), tend.socket())) {
                Path project = Files.createDirectories(tend.home().resolve("shop"));
                Files.writeString(project.resolve("tend.yaml"), """
                        project: shop
                        services:
                          worker:
                            command: while :; do echo tick; sleep 0.5; done
                          api:
                            command: sleep 600
                        jobs:
                          enqueue:
                            schedule: "@every 1h"
                            command: echo enqueued
                        """);
                driveTheCli(tend, peerHome, project);
                driveTheTui(peerHome, project);

                Map<String, Map<String, Object>> schema = schema(tend);
                List<String> problems = new ArrayList<>();
                Set<String> methods = new TreeSet<>();
                for (String line : proxy.sentLines()) {
                    Map<String, Object> request = JsonObjects.object(Json.parse(line));
                    String method = JsonObjects.string(request, "method");
                    methods.add(method);
                    for (String problem : RequestSchema.problems(schema.get(method), request.get("params"))) {
                        problems.add(method + " " + Json.write(request.get("params")) + ": " + problem);
                    }
                }
                assertTrue(problems.isEmpty(), () -> "requests the daemon's schema refuses:\n" + String.join("\n", problems));
                assertTrue(proxy.problems().isEmpty(), () -> "answers and notifications the daemon's schema does not describe:\n"
                        + String.join("\n", proxy.problems()));
                // the drive reached what it means to check: a request never sent is a request never checked
                for (String expected : List.of("daemon.hello", "daemon.status", "project.up", "project.down",
                        "project.list", "project.reload", "project.export", "service.list", "service.start",
                        "service.stop", "service.restart", "service.signal", "service.run", "service.remove",
                        "service.history", "logs.read", "job.list", "job.add", "job.remove", "job.run",
                        "job.history", "job.logs", "events.subscribe")) {
                    assertTrue(methods.contains(expected), expected + " was sent: " + methods);
                }
            }
        } finally {
            tmux("kill-server");
            try (Stream<Path> files = Files.walk(peerHome)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The commands a user types, each as bin/tend in the project directory with the proxy as its daemon. */
    private static void driveTheCli(TendHome tend, Path peerHome, Path project) throws Exception {
        Path out = Files.createDirectories(tend.home().resolve("exported"));
        List<List<String>> commands = List.of(
                List.of("up", "--wait"), List.of("ps"), List.of("ps", "--all", "--json"), List.of("reload"),
                List.of("restart", "worker"), List.of("stop", "api"), List.of("start", "api"),
                List.of("signal", "CONT", "api"), List.of("history", "worker"), List.of("logs", "-n", "3", "worker"),
                List.of("logs", "-n", "3"), List.of("run", "--name", "scratch", "--", "sleep", "600"),
                List.of("rm", "scratch"), List.of("jobs"), List.of("jobs", "--all", "--json"),
                List.of("job", "add", "tick", "--schedule", "@every 1h", "--", "true"),
                List.of("job", "run", "tick", "--wait"), List.of("job", "history", "tick"),
                List.of("job", "logs", "tick"), List.of("job", "rm", "tick"), List.of("job", "run", "enqueue"),
                List.of("export", "systemd", "--out", out.toString(), "--force"),
                List.of("export", "compose", "--out", out.toString(), "--force"),
                List.of("daemon", "status"), List.of("__complete", "services"), List.of("__complete", "jobs"),
                List.of("__complete", "projects"), List.of("down", "api"));
        for (List<String> args : commands) {
            TendHome.Result r = peer(tend, peerHome, project, args);
            assertEquals(0, r.exit(), () -> "tend " + String.join(" ", args) + ": " + r);
        }
        // the follow commands: until their reader is gone
        for (String script : List.of("tend logs -f worker | head -1", "tend events --json | (sleep 3; head -0)")) {
            ProcessBuilder pb = tend.command("bash", "-c", script).directory(project.toFile());
            pb.environment().put("TEND_HOME", peerHome.toString());
            pb.environment().put("PATH", TendHome.LAUNCHER.getParent() + ":" + System.getenv("PATH"));
            TendHome.Result piped = TendHome.finish(pb.start());
            assertEquals(0, piped.exit(), () -> script + ": " + piped);
        }
    }

    private static TendHome.Result peer(TendHome tend, Path peerHome, Path project, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TendHome.LAUNCHER.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = tend.command(cmd.toArray(String[]::new)).directory(project.toFile());
        pb.environment().put("TEND_HOME", peerHome.toString());
        return TendHome.finish(pb.start());
    }

    /** The TUI in tmux: the jobs overlay runs a job, then start, stop, restart and the project's log pane. */
    private void driveTheTui(Path peerHome, Path project) throws Exception {
        TendHome.Result started = tmux("new-session", "-d", "-s", "tui", "-x", "120", "-y", "40",
                "-e", "TEND_HOME=" + peerHome, "-c", project.toString(), TendHome.LAUNCHER + " tui; sleep 600");
        assertEquals(0, started.exit(), started.toString());
        waitForScreen("the TUI is live", s -> s.contains(" live ") && s.contains("worker"));
        tmux("send-keys", "-t", "tui", "J");
        waitForScreen("the jobs overlay", s -> s.contains("enqueue"));
        tmux("send-keys", "-t", "tui", "Enter");
        waitForScreen("the daemon answered the job run", s -> s.contains("started job shop/enqueue") || s.contains("shop/enqueue: "));
        tmux("send-keys", "-t", "tui", "Escape");
        // A key that follows Escape too closely is read as Alt+key (a terminal's escape sequence): wait until the
        // overlay is gone before the next one (a loaded CI machine kept it open, and x s r l went to the overlay).
        waitForScreen("the jobs overlay closed", s -> !s.contains("Enter runs now"));
        for (String key : List.of("x", "s", "r", "l")) {
            tmux("send-keys", "-t", "tui", key);
            Thread.sleep(500);
        }
        waitForScreen("the last command answered", s -> s.contains("restarted "));
        tmux("send-keys", "-t", "tui", "q");
    }

    private static Map<String, Map<String, Object>> schema(TendHome tend) throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Map<String, Object> doc = JsonObjects.object(JsonObjects.object(Json.parse(
                    peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}"))).get("result"));
            Map<String, Map<String, Object>> byName = new HashMap<>();
            for (Object m : JsonObjects.array(doc.get("methods"))) {
                Map<String, Object> method = JsonObjects.object(m);
                byName.put(JsonObjects.string(method, "name"), method);
            }
            return byName;
        }
    }

    private String waitForScreen(String what, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = tmux("capture-pane", "-p", "-t", "tui").out();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what + "; the screen:\n" + last);
    }

    private TendHome.Result tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", tmuxSocket));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return TendHome.finish(pb.start());
    }
}
