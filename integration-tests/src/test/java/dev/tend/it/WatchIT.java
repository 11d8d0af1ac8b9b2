package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * watch: on real processes and real files: a burst of changes (20 writes, 1000 new files) is one restart, ignored
 * files restart nothing, a removed directory is a change and the rest stays watched, a crash
 * under watch waits for the next change, a path that does not exist is refused at up with its line, and no watch
 * (inotify watch of the daemon) survives `tend forget`.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchIT {

    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    /** The history entries of the service that tell a restart for a change. */
    private static long watchRestarts(TendProject p, String service) throws Exception {
        return p.history(service).stream().filter(h -> "watch".equals(h.get("kind"))
                && String.valueOf(h.get("reason")).startsWith("a watched file changed")).count();
    }

    /** The daemon's inotify watches (one per watched directory), from /proc/PID/fdinfo. */
    private long inotifyWatches() throws IOException {
        long count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(tend.daemonPid()),
                "fdinfo"))) {
            for (Path fd : fds) {
                try {
                    count += Files.readAllLines(fd).stream().filter(l -> l.startsWith("inotify wd:")).count();
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return count;
    }

    @Test
    void aFileTouchedTwentyTimesInABurstIsOneRestartAndIgnoredFilesRestartNothing() throws Exception {
        TendProject p = new TendProject(tend, "burst", """
                services:
                  app:
                    command: exec sleep 100000
                    min_uptime: 0s
                    watch: { paths: [src], ignore: ["*.log", .git], debounce: 300ms }
                """);
        Path src = Files.createDirectories(p.file("src/deep/er"));
        Files.createDirectories(p.file("src/.git"));
        p.ok("up", "--wait");
        long first = pid(p.service("app"));

        Path file = src.resolve("main.txt");
        for (int i = 0; i < 20; i++) {
            Files.writeString(file, "edit " + i);
        }
        Map<String, Object> again = p.awaitService("app restarted", "app",
                s -> "ready".equals(state(s)) && pid(s) != first);
        assertEquals(1, watchRestarts(p, "app"), p.history("app").toString());
        assertTrue(!TendProject.alive(first), "the old process is gone");

        // what is ignored restarts nothing; the change after it does, once, which shows the ignored ones were seen
        Files.writeString(p.file("src/deep/app.log"), "noise");
        Files.writeString(p.file("src/.git/HEAD"), "noise");
        Files.writeString(p.file("src/deep/er/other.txt"), "x");
        Map<String, Object> third = p.awaitService("app restarted again", "app",
                s -> "ready".equals(state(s)) && pid(s) != pid(again));
        assertEquals(2, watchRestarts(p, "app"), p.history("app").toString());

        // a stopped service ignores its files: the stop closed the watch, the up opens it again
        p.ok("stop", "app");
        Files.writeString(file, "an edit while stopped");
        assertEquals("stopped", state(p.service("app")));
        p.ok("up", "--wait");
        long fourth = pid(p.service("app"));
        assertNotEquals(pid(third), fourth);
        Files.writeString(file, "an edit after up");
        p.awaitService("app restarted by the edit after up", "app", s -> "ready".equals(state(s)) && pid(s) != fourth);
        assertEquals(3, watchRestarts(p, "app"), "none for the edit while stopped: " + p.history("app"));
        p.ok("forget");
    }

    @Test
    void aThousandNewFilesAreOneRestartAndARemovedDirectoryIsAChangeThatLeavesTheRestWatched() throws Exception {
        TendProject p = new TendProject(tend, "thousand", """
                services:
                  app:
                    command: exec sleep 100000
                    min_uptime: 0s
                    watch: { paths: [src], debounce: 1s }
                """);
        Path gen = Files.createDirectories(p.file("src/gen"));
        p.ok("up", "--wait");
        long first = pid(p.service("app"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(gen.resolve("f" + i + ".txt"), "x");
        }
        Map<String, Object> second = p.awaitService("app restarted", "app",
                s -> "ready".equals(state(s)) && pid(s) != first);
        assertEquals(1, watchRestarts(p, "app"), p.history("app").toString());

        try (var files = Files.list(gen)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(gen);
        Map<String, Object> third = p.awaitService("app restarted for the removal", "app",
                s -> "ready".equals(state(s)) && pid(s) != pid(second));
        Files.writeString(p.file("src/still.txt"), "watched");
        p.awaitService("app restarted for a change beside it", "app",
                s -> "ready".equals(state(s)) && pid(s) != pid(third));
        assertEquals(3, watchRestarts(p, "app"), p.history("app").toString());
        p.ok("forget");
    }

    @Test
    void aWatchedDirectoryRemovedAndMadeAgainIsWatchedAgain() throws Exception {
        // `rm -rf build && mkdir build`, a branch switch: the directory comes back, and so must its watch
        TendProject p = new TendProject(tend, "remade", """
                services:
                  app:
                    command: exec sleep 100000
                    min_uptime: 0s
                    watch: { paths: [src], debounce: 300ms }
                """);
        Path src = Files.createDirectories(p.file("src"));
        p.ok("up", "--wait");
        long first = pid(p.service("app"));
        Files.delete(src);
        Map<String, Object> second = p.awaitService("app restarted for the removal", "app",
                s -> "ready".equals(state(s)) && pid(s) != first);
        Files.createDirectories(src);
        Map<String, Object> third = p.awaitService("app restarted as src is back", "app",
                s -> "ready".equals(state(s)) && pid(s) != pid(second));

        Files.writeString(src.resolve("edited.txt"), "x");

        p.awaitService("app restarted for a change inside the new src", "app",
                s -> "ready".equals(state(s)) && pid(s) != pid(third));
        assertEquals(3, watchRestarts(p, "app"), p.history("app").toString());
        p.ok("forget");
    }

    @Test
    void aServiceThatCrashesOnABadEditWaitsForTheNextChangeAndPsSaysSo() throws Exception {
        TendProject p = new TendProject(tend, "edit", """
                services:
                  app:
                    command: exec python3 app.py
                    watch: { paths: [app.py], debounce: 200ms }
                """);
        Files.writeString(p.file("app.py"), "import time\ntime.sleep(100000)\n");
        p.ok("up", "--wait");
        Files.writeString(p.file("app.py"), "raise SystemExit(3)  # a bad edit\n");
        Map<String, Object> waiting = p.awaitService("app waits for a change", "app",
                s -> "crashed".equals(state(s)) && String.valueOf(s.get("reason")).startsWith("waiting for a change"));
        assertEquals(3L, ((Number) waiting.get("exitCode")).longValue(), waiting.toString());
        String table = p.ok("ps").out();
        assertTrue(table.contains("crashed (3), waiting for a change"), table);
        assertTrue(table.contains("app crashed: waiting for a change to a watched file"), table);
        List<String> kinds = p.history("app").stream().map(h -> String.valueOf(h.get("kind"))).toList();
        assertTrue(kinds.contains("waiting") && !kinds.contains("failed"), kinds.toString());

        Files.writeString(p.file("app.py"), "import time\ntime.sleep(100000)\n");
        Map<String, Object> fixed = p.awaitState("app", "ready");
        assertTrue(pid(fixed) > 0, fixed.toString());
        p.ok("forget");
    }

    @Test
    void aWatchedPathThatDoesNotExistIsRefusedAtUpWithItsLine() throws Exception {
        TendProject p = new TendProject(tend, "typo", """
                services:
                  app:
                    command: exec sleep 100000
                    watch:
                      paths:
                        - src
                        - confg/*.yml
                """);
        Files.createDirectories(p.file("src"));
        TendHome.Result up = p.tend("up");
        assertNotEquals(0, up.exit(), up.toString());
        assertTrue(up.err().contains("tend.yaml:7"), up.toString());
        assertTrue(up.err().contains("watch: path 'confg/*.yml' does not exist"), up.toString());
    }

    @Test
    void noWatchSurvivesForgetAndAReloadOfWatchAloneKeepsTheProcess() throws Exception {
        TendProject p = new TendProject(tend, "gone", """
                services:
                  app:
                    command: exec sleep 100000
                    min_uptime: 0s
                    watch: [a]
                """);
        Files.createDirectories(p.file("a/1/2"));
        Files.createDirectories(p.file("b"));
        p.ok("ps"); // the daemon runs
        long before = inotifyWatches();
        p.ok("up", "--wait");
        long pid = pid(p.service("app"));
        TendHome.waitUntil("a, a/1, a/1/2 watched", () -> watches() == before + 3);

        p.write("""
                services:
                  app:
                    command: exec sleep 100000
                    min_uptime: 0s
                    watch: [b]
                """);
        p.ok("reload");
        TendHome.waitUntil("b watched instead", () -> watches() == before + 1);
        assertEquals(pid, pid(p.service("app")), "a change of watch alone does not restart");
        Files.writeString(p.file("b/x"), "x");
        p.awaitService("a change in b restarts it", "app", s -> "ready".equals(state(s)) && pid(s) != pid);

        p.ok("forget");
        TendHome.waitUntil("no watch left", () -> watches() == before);
    }

    private long watches() {
        try {
            return inotifyWatches();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void exportWarnsThatWatchIsNotExported() throws Exception {
        TendProject p = new TendProject(tend, "exp", """
                services:
                  app:
                    command: exec sleep 100000
                    watch: { paths: [src] }
                """);
        Files.createDirectories(p.file("src"));
        TendHome.Result systemd = p.ok("export", "systemd", "--user", "--out", "units");
        assertTrue(systemd.err().contains("service 'app': watch (src) not exported"), systemd.toString());
        TendHome.Result compose = p.ok("export", "compose", "--out", "compose");
        assertTrue(compose.err().contains("service 'app': watch (src) not exported"), compose.toString());
    }
}
