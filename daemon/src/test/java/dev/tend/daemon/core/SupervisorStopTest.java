package dev.tend.daemon.core;

import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.time.VirtualTimer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tend.daemon.core.Harness.service;
import static dev.tend.daemon.core.Harness.withRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stop gives the whole tree its stop_timeout, and reaches processes that detached themselves (TEND_RUN). */
class SupervisorStopTest {

    /**
     * A script under the command's shell, which forks it (the trailing command keeps the shell from exec'ing
     * it): the shell dies of the stop signal at once, the script's TERM trap takes a while to clean up.
     */
    private static final String GRACEFUL_SCRIPT = """
            trap 'sleep 0.5; echo cleaned-up >> events.txt; exit 0' TERM
            echo started >> events.txt
            echo $$ > script.pid
            sleep 1000 &
            wait
            """;
    private static final String UNDER_SHELL = "sh graceful.sh; echo unreachable";

    /** The daemon double fork: the subshell exits at once, so the setsid'd grandchild is reparented away. */
    private static final String DAEMONIZE = "( setsid sh -c '%s echo $$ > orphan.pid; exec sleep 1000' & ); exec sleep 1000";

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
    void stopGivesTheProgramUnderTheCommandShellItsStopTimeout() throws Exception {
        Files.writeString(dir.resolve("graceful.sh"), GRACEFUL_SCRIPT);
        h.sup.register(h.project("p", withTimeout(service("web", UNDER_SHELL), Duration.ofSeconds(30))), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long script = h.track(awaitPid("script.pid"));

        h.sup.stop("p", "web").get(40, TimeUnit.SECONDS);

        assertEquals(List.of("started", "cleaned-up"), Files.readAllLines(dir.resolve("events.txt")),
                "the trap ran to its end before the stop completed");
        assertFalse(h.alive(script));
        assertEquals(ServiceState.STOPPED, h.get("p", "web").state());
        assertNull(lastHistory("web").reason(), "no SIGKILL was needed");
    }

    @Test
    void restartStartsAgainOnlyOnceTheOldTreeFinishedItsCleanup() throws Exception {
        Files.writeString(dir.resolve("graceful.sh"), GRACEFUL_SCRIPT);
        h.sup.register(h.project("p", withTimeout(service("web", UNDER_SHELL), Duration.ofSeconds(30))), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        h.track(awaitPid("script.pid"));

        h.sup.restart("p", "web").get(40, TimeUnit.SECONDS);

        Harness.awaitTrue(() -> lines("events.txt").size() == 3, "the new run to start");
        assertEquals(List.of("started", "cleaned-up", "started"), lines("events.txt"));
    }

    @Test
    void shutdownGivesTheProgramUnderTheCommandShellItsStopTimeout() throws Exception {
        Files.writeString(dir.resolve("graceful.sh"), GRACEFUL_SCRIPT);
        h.sup.register(h.project("p", withTimeout(service("web", UNDER_SHELL), Duration.ofSeconds(30))), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long script = h.track(awaitPid("script.pid"));

        h.sup.shutdown().get(40, TimeUnit.SECONDS);

        assertEquals(List.of("started", "cleaned-up"), lines("events.txt"));
        assertFalse(h.alive(script));
    }

    @Test
    void stopKillsWhatIsLeftOfTheTreeOnceStopTimeoutElapsesInVirtualTime() throws Exception {
        h.close();
        VirtualTimer timer = new VirtualTimer();
        h = new Harness(dir, timer);
        // The script under the shell ignores TERM: the shell dies, the script would run forever.
        Files.writeString(dir.resolve("stubborn.sh"), "trap '' TERM; echo $$ > script.pid; while :; do sleep 0.1; done\n");
        Duration stopTimeout = Duration.ofHours(1);
        h.sup.register(h.project("p", withTimeout(service("web", "sh stubborn.sh; echo unreachable"), stopTimeout)),
                Map.of());
        CompletableFuture<Void> up = h.sup.up("p", List.of());
        long script = h.track(awaitPid("script.pid"));
        h.await("p", "web", ServiceState.RUNNING);
        timer.advance(ServiceSpec.DEFAULT_MIN_UPTIME);
        up.get(20, TimeUnit.SECONDS);

        CompletableFuture<Void> stop = h.sup.stop("p", "web");
        Harness.awaitTrue(() -> timer.pending() == 1, "the stop timeout to wait on the timer");
        assertFalse(stop.isDone(), "no SIGKILL before stop_timeout: the stop waits");
        assertTrue(h.alive(script), "the script ignores SIGTERM");

        timer.advance(stopTimeout);
        stop.get(20, TimeUnit.SECONDS);

        assertFalse(h.alive(script));
        StateStore.HistoryRecord stopped = lastHistory("web");
        assertEquals("stopped", stopped.kind());
        assertEquals("SIGTERM", stopped.signal(), "the shell died of the stop signal");
        assertTrue(stopped.reason() != null && stopped.reason().contains("SIGKILL"), "the rest took SIGKILL: " + stopped);
    }

    @Test
    void stopSignalsADaemonizedGrandchildAndWaitsForItsCleanup() throws Exception {
        // The grandchild's own child ignores TERM and is ended by the trap: were it to die of the stop's TERM first,
        // the grandchild's `wait` could return and the script end before its own TERM arrived (the two are one kill
        // command apart, which a loaded machine can preempt), and no trap would run.
        String command = "( setsid sh -c 'trap \"kill -9 \\$c; sleep 0.3; echo cleaned-up > orphan.txt; exit 0\" TERM; "
                + "(trap \"\" TERM; exec sleep 1000) & c=$!; echo $$ > orphan.pid; wait' & ); exec sleep 1000";
        h.sup.register(h.project("p", withTimeout(service("web", command), Duration.ofSeconds(30))), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long main = h.get("p", "web").pid();
        long orphan = h.track(awaitPid("orphan.pid"));
        awaitReparented(orphan, main);

        h.sup.stop("p", "web").get(40, TimeUnit.SECONDS);

        assertTrue(Files.exists(dir.resolve("orphan.txt")), "the grandchild got the stop signal and finished its trap");
        assertFalse(h.alive(orphan));
    }

    @Test
    void stopKillsADaemonizedGrandchildThatIgnoresTheStopSignal() throws Exception {
        h.sup.register(h.project("p", withTimeout(service("web", DAEMONIZE.formatted("trap \"\" TERM;")),
                Duration.ofMillis(300))), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        long main = h.get("p", "web").pid();
        long orphan = h.track(awaitPid("orphan.pid"));
        awaitReparented(orphan, main);

        h.sup.stop("p", "web").get(20, TimeUnit.SECONDS);

        assertFalse(h.alive(orphan), "found by its TEND_RUN mark and killed after stop_timeout");
        assertFalse(h.alive(main));
    }

    @Test
    void aCrashKillsADaemonizedGrandchildAtOnce() throws Exception {
        String command = "( setsid sh -c 'echo $$ > orphan.pid; exec sleep 1000' & ); "
                + "while [ ! -s orphan.pid ]; do sleep 0.05; done; sleep 0.3; exit 3";
        h.sup.register(h.project("p", withRestart(service("job", command), RestartMode.NO, 0)), Map.of());
        h.sup.up("p", List.of());
        long orphan = h.track(awaitPid("orphan.pid"));

        h.await("p", "job", ServiceState.COMPLETED);

        Harness.awaitTrue(() -> !h.alive(orphan), "the daemonized grandchild to be killed with the crash");
    }

    @Test
    void everyLaunchCarriesItsOwnRunTokenButTheProbeDoesNot() throws Exception {
        String command = "echo \"$TEND_RUN\" >> tokens.txt; exec sleep 1000";
        ProbeSpec probe = new ProbeSpec(ProbeSpec.Kind.EXEC, "echo \"probe:$TEND_RUN\" >> tokens.txt", null, null);
        h.sup.register(h.project("p", Harness.withProbe(service("web", command), probe, false)), Map.of());
        h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS);
        h.sup.restart("p", "web").get(20, TimeUnit.SECONDS);
        // the exec probe may pass before the new process's shell has written its line: wait for the line
        Harness.awaitTrue(() -> lines("tokens.txt").stream().filter(l -> !l.startsWith("probe:")).count() == 2,
                "both launches to write their token");

        List<String> tokens = lines("tokens.txt").stream().filter(l -> !l.startsWith("probe:")).toList();
        assertEquals(2, tokens.size(), tokens.toString());
        assertTrue(tokens.stream().allMatch(t -> t.matches("[0-9a-f]{32}")), tokens.toString());
        assertFalse(tokens.get(0).equals(tokens.get(1)), "a new token for each launch");
        assertTrue(lines("tokens.txt").contains("probe:"), "the probe ran without the mark: " + lines("tokens.txt"));
    }

    private static ServiceSpec withTimeout(ServiceSpec s, Duration stopTimeout) {
        return new ServiceSpec(s.name(), s.command(), s.cwd(), s.env(), s.dependsOn(), s.ready(), s.restart(),
                s.maxRestarts(), Signal.TERM, stopTimeout, s.autoPort(), s.port());
    }

    private StateStore.HistoryRecord lastHistory(String service) {
        List<StateStore.HistoryRecord> history = h.sup.history("p", service, 1);
        return history.get(history.size() - 1);
    }

    private long awaitPid(String file) {
        Harness.awaitTrue(() -> readPid(file) > 0, file + " to hold a pid");
        return readPid(file);
    }

    private static void awaitReparented(long orphan, long parent) {
        Harness.awaitTrue(() -> ProcessHandle.of(orphan).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                .orElse(parent) != parent, "the grandchild to be reparented away from the service");
    }

    private List<String> lines(String file) {
        try {
            return Files.exists(dir.resolve(file)) ? Files.readAllLines(dir.resolve(file)) : List.of();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private long readPid(String file) {
        try {
            Path f = dir.resolve(file);
            String text = Files.exists(f) ? Files.readString(f) : "";
            return text.endsWith("\n") ? Long.parseLong(text.trim()) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }
}
