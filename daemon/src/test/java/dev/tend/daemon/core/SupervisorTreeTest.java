package dev.tend.daemon.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping and ending reach the whole process tree. */
class SupervisorTreeTest {

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void stopKillsGrandchildThatCalledSetsid() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        // The grandchild leaves the service's session and ignores SIGTERM; only the tree taken before the
        // stop signal still knows it once the main process is gone.
        String command = "setsid sh -c 'trap \"\" TERM; echo $$ > \"" + pidFile + "\"; exec sleep 1000' & exec sleep 1000";
        h.sup.register(h.project("p", service("web", command)), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long main = h.get("p", "web").pid();
        Harness.awaitTrue(() -> Files.exists(pidFile) && readPid(pidFile) > 0, "the grandchild's pid file");
        long grandchild = readPid(pidFile);
        h.track(grandchild);
        assertTrue(h.alive(grandchild));
        assertFalse(h.control.tree(main).isEmpty());

        h.sup.stop("p", "web").get(20, TimeUnit.SECONDS);
        assertFalse(h.alive(main), "main process gone");
        Harness.awaitTrue(() -> !h.alive(grandchild), "the setsid grandchild to be killed");
    }

    @Test
    void stopEscalatesToSigkillAfterStopTimeout() throws Exception {
        Path trapped = dir.resolve("trapped");
        ServiceSpec stubborn = new ServiceSpec("web", "trap '' TERM; touch \"" + trapped + "\"; while true; do sleep 0.1; done",
                null, Map.of(),
                List.of(), null, RestartMode.ON_FAILURE, 2, dev.tend.daemon.core.process.Signal.TERM,
                java.time.Duration.ofMillis(300), false, 0);
        h.sup.register(h.project("p", stubborn), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long pid = h.get("p", "web").pid();
        // ready means launched: under load the shell may not have reached its trap yet, and TERM would end it
        Harness.awaitTrue(() -> Files.exists(trapped), "the shell to ignore SIGTERM");
        h.sup.stop("p", "web").get(20, TimeUnit.SECONDS);
        assertFalse(h.alive(pid));
        ServiceSnapshot s = h.get("p", "web");
        assertEquals(ServiceState.STOPPED, s.state());
        assertEquals("SIGKILL", s.signal());
    }

    @Test
    void whenTheMainProcessExitsWhatIsLeftOfItsGroupIsKilled() throws Exception {
        Path pidFile = dir.resolve("bg.pid");
        String command = "sleep 1000 & echo $! > \"" + pidFile + "\"; sleep 0.3; exit 4";
        h.sup.register(h.project("p", withRestart(service("job", command), RestartMode.NO, 0)), Map.of());
        h.sup.up("p", List.of());
        Harness.awaitTrue(() -> Files.exists(pidFile) && readPid(pidFile) > 0, "the background child's pid file");
        long background = readPid(pidFile);
        h.track(background);
        ServiceSnapshot s = h.await("p", "job", ServiceState.COMPLETED);
        assertEquals(4, s.exitCode());
        Harness.awaitTrue(() -> !h.alive(background), "the background child to be killed");
    }

    private static long readPid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }
}
