package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tend tui` in a real terminal: tmux runs it against a test instance, send-keys types, capture-pane reads the
 * screen, and another peer (`tend stop`) changes state underneath it.
 */
class TuiIT {
    private TendHome tend;
    private final String socket = "tend-tui-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            tmux("kill-server");
        } finally {
            tend.close();
        }
    }

    @Test
    void tuiFollowsOtherPeersSteersServicesSurvivesTheDaemonAndQuitsLeavingTheTerminalSane() throws Exception {
        Path project = tend.home().resolve("shop");
        Files.createDirectories(project);
        Files.writeString(project.resolve("tend.yaml"), """
                project: shop
                services:
                  ticker:
                    command: while true; do echo "tick $(date +%s%N)"; sleep 0.3; done
                  idle:
                    command: sleep 100000
                """);
        TendHome.Result up = TendHome.finish(tend.command(TendHome.LAUNCHER.toString(), "up", "--wait")
                .directory(project.toFile()).start());
        assertEquals(0, up.exit(), up.toString());

        TendHome.Result started = run(List.of("tmux", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120", "-y", "40",
                "-e", "TEND_HOME=" + tend.home(), "-c", project.toString(),
                TendHome.LAUNCHER + " tui; echo TUI-EXIT=$?; stty -a; echo STTY-DONE; sleep 600"));
        assertEquals(0, started.exit(), started.toString());

        String screen = waitForScreen("the TUI is live and shows both services",
                s -> s.contains(" live ") && row(s, "ticker").matches(".*\\b(running|ready)\\b.*")
                        && row(s, "idle").matches(".*\\b(running|ready)\\b.*"));
        assertTrue(screen.contains("project shop"), screen);
        waitForScreen("the log pane follows the selected service", s -> s.contains("logs: shop/ticker") && s.contains(" tick "));

        TendHome.Result stop = tend.tend("stop", "shop/idle");
        assertEquals(0, stop.exit(), stop.toString());
        waitForScreen("another peer's stop shows", s -> row(s, "idle").contains("stopped"));

        tmux("send-keys", "-t", "tui", "j");
        tmux("send-keys", "-t", "tui", "s");
        waitForScreen("s started the selected service", s -> row(s, "idle").matches(".*\\b(running|ready)\\b.*"));
        waitForScreen("the log pane moved to the selection", s -> s.contains("logs: shop/idle"));

        tmux("send-keys", "-t", "tui", "?");
        waitForScreen("the help overlay", s -> s.contains("q / Ctrl-C  quit"));
        tmux("send-keys", "-t", "tui", "x"); // any key closes the help, and does nothing else
        waitForScreen("the help closed", s -> !s.contains("q / Ctrl-C  quit"));
        assertTrue(row(capture(), "idle").matches(".*\\b(running|ready)\\b.*"), capture());

        TendHome.Result daemonStop = tend.tend("daemon", "stop");
        assertEquals(0, daemonStop.exit(), daemonStop.toString());
        waitForScreen("the TUI says the daemon is gone", s -> s.contains(" disconnected "));
        TendHome.Result status = tend.tend("daemon", "status"); // another peer starts a daemon again
        assertEquals(0, status.exit(), status.toString());
        waitForScreen("the TUI reconnects and redraws from the new daemon's snapshot",
                s -> s.contains(" live ") && row(s, "ticker").matches(".*\\b(running|ready)\\b.*"));

        tmux("send-keys", "-t", "tui", "q");
        // The shell prints the exit code, then stty's flags, then a marker: wait for the marker, not just the code.
        String after = waitForScreen("the TUI exited and stty printed the terminal's modes", s -> s.contains("STTY-DONE"));
        assertTrue(after.contains("TUI-EXIT=0"), after);
        String stty = after.substring(after.indexOf("TUI-EXIT="));
        List<String> flags = Arrays.asList(stty.split("\\s+"));
        assertTrue(flags.contains("icanon") && flags.contains("echo") && flags.contains("isig"),
                "the terminal is back in cooked mode with echo and signals: " + stty);
    }

    @Test
    void theProjectListMarksAProjectWhoseFileIsGoneAndDropsAForgottenOne() throws Exception {
        TendProject shop = new TendProject(tend, "shop", "services:\n  idle:\n    command: sleep 100000\n");
        TendProject old = new TendProject(tend, "old", "services:\n  gone:\n    command: sleep 100000\n");
        shop.ok("up");
        old.ok("up");
        old.ok("down");
        Files.delete(old.file("tend.yaml"));

        TendHome.Result started = run(List.of("tmux", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120", "-y", "40",
                "-e", "TEND_HOME=" + tend.home(), "-c", shop.dir().toString(), TendHome.LAUNCHER + " tui; sleep 600"));
        assertEquals(0, started.exit(), started.toString());
        waitForScreen("the TUI is live", s -> s.contains(" live "));
        tmux("send-keys", "-t", "tui", "p");
        waitForScreen("the project list marks old as gone",
                s -> s.lines().anyMatch(l -> l.contains("old  (its file") && l.contains("is gone")));

        TendHome.Result forget = tend.tend("forget", "-p", "old");
        assertEquals(0, forget.exit(), forget.toString());
        waitForScreen("another peer's forget removes old from the list",
                s -> s.contains("shop  (1 service)") && !s.contains("old  ("));
        tmux("send-keys", "-t", "tui", "Escape");
        tmux("send-keys", "-t", "tui", "q");
    }

    @Test
    void aStoppedDaemonIsSaidOnTheStatusBarUntilItIsResumed() throws Exception {
        TendProject shop = new TendProject(tend, "shop", "services:\n  idle:\n    command: sleep 100000\n");
        shop.ok("up");
        TendHome.Result started = run(List.of("tmux", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120", "-y", "40",
                "-e", "TEND_HOME=" + tend.home(), "-c", shop.dir().toString(), TendHome.LAUNCHER + " tui; sleep 600"));
        assertEquals(0, started.exit(), started.toString());
        waitForScreen("the TUI is live", s -> s.contains(" live "));
        String daemon = Long.toString(tend.daemonPid());
        try {
            run(List.of("kill", "-STOP", daemon));
            waitForScreen("the status bar says the daemon is stopped and how to resume it",
                    s -> s.contains(" not answering ") && s.contains("kill -CONT " + daemon));
        } finally {
            run(List.of("kill", "-CONT", daemon));
        }
        waitForScreen("live again once the daemon answers", s -> s.contains(" live ") && !s.contains("kill -CONT"));
        tmux("send-keys", "-t", "tui", "q");
    }

    @Test
    void aReplicatedServiceIsAGroupRowWhoseLogPaneInterleavesEveryCopyAndFollowsANewOne() throws Exception {
        TendProject shop = new TendProject(tend, "shop", """
                services:
                  api:
                    command: while true; do echo "beat of $TEND_REPLICA"; sleep 0.3; done
                    replicas: 2
                """);
        shop.ok("up", "--wait");
        TendHome.Result started = run(List.of("tmux", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120", "-y", "40",
                "-e", "TEND_HOME=" + tend.home(), "-c", shop.dir().toString(), TendHome.LAUNCHER + " tui; sleep 600"));
        assertEquals(0, started.exit(), started.toString());
        String screen = waitForScreen("the group row above its copies", s -> row(s, "api").contains("2/2 up")
                && row(s, "api#1").matches(".*\\b(running|ready)\\b.*") && row(s, "api#2").matches(".*\\b(running|ready)\\b.*"));
        assertTrue(screen.contains("2/2 up"), screen);
        waitForScreen("the group's log pane interleaves its copies, labelled", s -> s.contains("logs: shop/api")
                && s.lines().anyMatch(l -> l.contains("api#1") && l.contains("beat of 1"))
                && s.lines().anyMatch(l -> l.contains("api#2") && l.contains("beat of 2")));

        shop.ok("scale", "api", "3");
        waitForScreen("a copy added by another peer joins the group and its log pane", s -> row(s, "api").contains("3/3 up")
                && s.lines().anyMatch(l -> l.contains("api#3") && l.contains("beat of 3")));
        tmux("send-keys", "-t", "tui", "q");
    }

    @Test
    void anEmojiInALogLineReachesTheTerminalWhole() throws Exception {
        TendProject shop = new TendProject(tend, "shop", "services:\n  smile:\n    command: printf '\\360\\237\\230\\200"
                + " emoji \\344\\270\\255\\346\\226\\207\\n'; exec sleep 100000\n");
        shop.ok("up", "--wait");
        TendHome.Result started = run(List.of("tmux", "-u", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120",
                "-y", "40", "-e", "TEND_HOME=" + tend.home(), "-e", "LANG=C.UTF-8", "-c", shop.dir().toString(),
                TendHome.LAUNCHER + " tui; sleep 600"));
        assertEquals(0, started.exit(), started.toString());

        String screen = waitForScreen("the log line is shown", s -> s.contains(" emoji "));

        String line = screen.lines().filter(l -> l.contains(" emoji ")).findFirst().orElseThrow();
        assertTrue(line.contains("\uD83D\uDE00 emoji \u4E2D\u6587"), "each half of the emoji went out as '?': " + line);
        tmux("send-keys", "-t", "tui", "q");
    }

    @Test
    void aHeldRestartKeyRestartsOnceMoreAtMostNotOncePerRepeat() throws Exception {
        TendProject shop = new TendProject(tend, "shop", "services:\n  a:\n    command: exec sleep 100000\n");
        shop.ok("up", "--wait");
        TendHome.Result started = run(List.of("tmux", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120",
                "-y", "40", "-e", "TEND_HOME=" + tend.home(), "-c", shop.dir().toString(), TendHome.LAUNCHER + " tui"));
        assertEquals(0, started.exit(), started.toString());
        waitForScreen("the TUI shows a ready", s -> s.contains(" live ") && row(s, "a").contains("ready"));

        List<String> keys = new ArrayList<>(List.of("send-keys", "-t", "tui"));
        for (int i = 0; i < 30; i++) {
            keys.add("r");
        }
        keys.add("x"); // a stop after the restarts, in the same queue: once a is stopped, every restart asked for is done
        tmux(keys.toArray(String[]::new));
        TendProject.await("a stopped by the last key", () -> "stopped".equals(TendProject.state(shop.ps().get(0))) ? true : null);

        long starts = TendProject.objects(shop.ok("history", "a", "--json").out()).stream()
                .filter(e -> "started".equals(e.get("kind"))).count();
        assertTrue(starts <= 3, "the up, then at most the restart under way and one waiting: " + starts + " starts");
    }

    @Test
    void aLogLineCannotRetitleClearOrSwitchTheTerminalOfTendLogs() throws Exception {
        // the CLI in the same real terminal: a service's escape sequences are shown by `tend logs`, not obeyed
        TendProject shop = new TendProject(tend, "shop", "services:\n  evil:\n    command: printf '\\033]0;HACKED\\007"
                + " \\033[?1049h \\033[31mred\\033[0m evil-line\\n'; exec sleep 100000\n");
        shop.ok("up", "--wait");
        TendHome.Result started = run(List.of("tmux", "-u", "-L", socket, "new-session", "-d", "-s", "tui", "-x", "120",
                "-y", "40", "-e", "TEND_HOME=" + tend.home(), "-e", "LANG=C.UTF-8", "-c", shop.dir().toString(),
                TendHome.LAUNCHER + " logs evil; echo LOGS-DONE; sleep 600"));
        assertEquals(0, started.exit(), started.toString());

        String screen = waitForScreen("tend logs printed the line", s -> s.contains("LOGS-DONE"));
        String line = screen.lines().filter(l -> l.contains("evil-line")).findFirst().orElseThrow();
        assertTrue(line.contains("^[]0;HACKED^G ^[[?1049h red evil-line"), "shown, colours kept: " + line);
        String state = tmux("display", "-p", "-t", "tui", "#{alternate_on} #{pane_title}").out().strip();
        assertTrue(state.startsWith("0 ") && !state.contains("HACKED"), "the terminal obeyed the line: " + state);
    }

    /** The screen line that names this service (the table row, not a log line). */
    private static String row(String screen, String service) {
        for (String line : screen.split("\n")) {
            if (line.matches("[> ][* ]\\s*shop\\s+" + Pattern.quote(service) + "\\s.*")) {
                return line;
            }
        }
        return "";
    }

    private String waitForScreen(String what, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = capture();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what + "; the screen:\n" + last);
    }

    private String capture() throws Exception {
        return tmux("capture-pane", "-p", "-t", "tui").out();
    }

    private TendHome.Result tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(Arrays.asList(args));
        return run(cmd);
    }

    private static TendHome.Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return TendHome.finish(pb.start());
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (this test needs tmux: apt-get install -y tmux): "
                    + e.getMessage(), e);
        }
    }
}
