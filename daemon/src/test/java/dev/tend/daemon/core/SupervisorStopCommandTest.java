package dev.tend.daemon.core;

import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stop_command: how a service is asked to stop instead of its stop signal, with the signal and SIGKILL behind it. */
class SupervisorStopCommandTest {

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

    /** A service in {@code dir} that writes its pid, with a stop timeout of one second. */
    private ServiceSpec service(String stopCommand) {
        return service(stopCommand, Duration.ofSeconds(1));
    }

    private ServiceSpec service(String stopCommand, Duration stopTimeout) {
        return new ServiceSpec("web", "echo $$ > web.pid; exec sleep 1000", dir, Map.of(), List.of(), null,
                RestartMode.ON_FAILURE, 2, Signal.TERM, stopTimeout, false, 0).withStopCommand(stopCommand);
    }

    private StateStore.HistoryRecord stopped() {
        return h.sup.history("p", "web", 20).stream().filter(r -> r.kind().equals("stopped")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no stopped row: " + h.sup.history("p", "web", 20)));
    }

    @Test
    void theStopCommandAsksInsteadOfTheSignalInTheServicesDirectoryAndEnvironment() throws Exception {
        // A stop timeout no loaded machine reaches: the command (a shell, cat, kill) must end it, not the SIGKILL.
        // SIGUSR1, not SIGINT: a test JVM started in the background of a script inherits SIGINT ignored, and so
        // does the service (an ignored signal stays ignored across exec): SIGINT would not end it there.
        h.sup.register(h.project("p", service("echo \"$TEND_SERVICE\" > asked-by-command; kill -USR1 $(cat web.pid)",
                Duration.ofSeconds(60))), Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);

        h.sup.stop("p", "web").get(30, TimeUnit.SECONDS);

        assertEquals("web\n", Files.readString(dir.resolve("asked-by-command")));
        assertEquals("SIGUSR1", stopped().signal(), "the command's SIGUSR1 ended it, not the stop signal");
    }

    @Test
    void aStopCommandThatFailsIsFollowedByTheStopSignalAtOnce() throws Exception {
        h.sup.register(h.project("p", service("exit 3")), Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);

        h.sup.stop("p", "web").get(30, TimeUnit.SECONDS);

        assertEquals("SIGTERM", stopped().signal());
    }

    @Test
    void aStopCommandThatHangsIsKilledWithTheServiceAtTheTimeout() throws Exception {
        h.sup.register(h.project("p", service("echo $$ > stopper.pid; exec sleep 1000")), Map.of());
        h.sup.up("p", List.of()).get(30, TimeUnit.SECONDS);

        h.sup.stop("p", "web").get(30, TimeUnit.SECONDS);

        assertEquals("SIGKILL", stopped().signal());
        long stopper = Long.parseLong(Files.readString(dir.resolve("stopper.pid")).trim());
        assertFalse(ProcessHandle.of(stopper).map(ProcessHandle::isAlive).orElse(false),
                "the stop command outlived the stop: pid " + stopper);
        assertTrue(h.get("p", "web").state() == ServiceState.STOPPED, h.get("p", "web").toString());
    }
}
