package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.HistoryRecord;
import dev.tend.daemon.core.health.AliveStatus;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.time.VirtualTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness checks and memory limits on real processes, their interval and samples in virtual time: failures count in
 * a row (a success starts over), the limit needs two samples in a row, and either ends the run as a crash.
 */
class SupervisorHealthTest {
    private static final long MIB = 1 << 20;
    private static final Duration SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final VirtualTimer timer = new VirtualTimer();
    private final AtomicLong rss = new AtomicLong();
    private Harness h;

    @BeforeEach
    void setUp() {
        h = Harness.withControlAndTimer(dir, real -> new UsageControl(real, () -> 0, rss::get), timer);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    /** Alive while no file "sick" is in the project directory; checked every second, restarted after 3 in a row. */
    private static Health aliveUnlessSick() {
        return new Health(new Health.Alive(new ProbeSpec(ProbeSpec.Kind.EXEC, "test ! -e sick", SECOND, null,
                Duration.ofSeconds(5)), 3), 0);
    }

    /** A snapshot without a usage sample: only what the supervisor itself set. */
    private ServiceSnapshot web() {
        return h.sup.snapshot("p").services().get(0);
    }

    private ServiceSnapshot awaitWeb(Predicate<ServiceSnapshot> p, String what) {
        Harness.awaitTrue(() -> p.test(web()), what + " (last: " + web() + ")");
        return web();
    }

    /**
     * Moves virtual time on once the supervisor has scheduled what it schedules after its locked section (the waits
     * are armed just after the state they belong to is told).
     */
    private void advance(Duration by, int scheduled) {
        Harness.awaitTrue(() -> timer.pending() >= scheduled, scheduled + " scheduled waits");
        timer.advance(by);
    }

    /** Up, and ready once its min_uptime of 1 s has passed in virtual time. */
    private ServiceSnapshot upAndReady() {
        h.sup.up("p", List.of());
        awaitWeb(s -> s.state() == ServiceState.RUNNING, "running");
        advance(SECOND, 1);
        return awaitWeb(s -> s.state() == ServiceState.READY, "ready");
    }

    private ServiceSnapshot check(int failuresAfter) {
        advance(SECOND, 1);
        return awaitWeb(s -> s.alive() != null && s.alive().failures() == failuresAfter,
                failuresAfter + " failures in a row");
    }

    private List<String> historyKinds() {
        return h.sup.history("p", "web", 50).stream().map(HistoryRecord::kind).toList();
    }

    @Test
    void failedLivenessChecksCountInARowAndASuccessStartsTheCountOver() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000").withHealth(aliveUnlessSick())), Map.of());
        ServiceSnapshot ready = upAndReady();
        assertEquals(new AliveStatus(0, 3, null), ready.alive(), "checks begin once it is ready");

        Files.createFile(dir.resolve("sick"));
        assertEquals("unhealthy 1/3: exited 1", check(1).reason());
        ServiceSnapshot two = check(2);
        assertEquals(new AliveStatus(2, 3, "exited 1"), two.alive());
        assertEquals(ServiceState.READY, two.state(), "unhealthy is told, not a state of its own");

        Files.delete(dir.resolve("sick"));
        ServiceSnapshot healthy = check(0);
        assertNull(healthy.reason());
        assertEquals(ready.pid(), healthy.pid());
        assertEquals(0, healthy.restarts());
        assertTrue(!historyKinds().contains("unhealthy"));
    }

    @Test
    void theLastOfFailuresInARowRestartsTheServiceAsACrashWithTheProbesError() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000").withHealth(aliveUnlessSick())), Map.of());
        long firstPid = upAndReady().pid();

        Files.createFile(dir.resolve("sick"));
        check(1);
        check(2);
        advance(SECOND, 1);
        ServiceSnapshot restarted = awaitWeb(s -> s.restarts() == 1 && s.state() == ServiceState.RUNNING,
                "restarted once");
        assertNotEquals(firstPid, restarted.pid());
        assertNull(restarted.alive(), "the new run is not checked before it is ready");
        HistoryRecord unhealthy = h.sup.history("p", "web", 50).stream().filter(r -> r.kind().equals("unhealthy"))
                .findFirst().orElseThrow(() -> new AssertionError("no unhealthy entry in " + historyKinds()));
        assertEquals("exec 'test ! -e sick' failed 3 times in a row: exited 1", unhealthy.reason());
        assertEquals(firstPid, unhealthy.pid());
        List<String> kinds = historyKinds();
        assertTrue(kinds.indexOf("unhealthy") < kinds.indexOf("restarting"), kinds.toString());
    }

    @Test
    void memoryAboveTheLimitRestartsOnlyAtTheSecondSampleInARow() throws Exception {
        h.sup.register(h.project("p", service("web", "exec sleep 1000").withHealth(new Health(null, 100 * MIB))),
                Map.of());
        h.sup.up("p", List.of());
        long pid = awaitWeb(s -> s.state() == ServiceState.RUNNING, "running").pid();
        Harness.awaitTrue(() -> timer.pending() == 2, "min_uptime and the memory watch scheduled");

        sample(200 * MIB);
        sample(50 * MIB); // below again: the count starts over
        sample(201 * MIB);
        ServiceSnapshot once = web();
        assertEquals(pid, once.pid(), "one sample above the limit is a peak, not a reason to restart");
        assertEquals(0, once.restarts());

        rss.set(202 * MIB);
        advance(MemoryWatch.INTERVAL, 1);
        ServiceSnapshot restarted = awaitWeb(s -> s.restarts() == 1 && s.pid() != pid && s.pid() > 0, "restarted");
        assertEquals(ServiceState.RUNNING, restarted.state());
        HistoryRecord memory = h.sup.history("p", "web", 50).stream().filter(r -> r.kind().equals("memory"))
                .findFirst().orElseThrow(() -> new AssertionError("no memory entry in " + historyKinds()));
        assertEquals("memory limit (202 MiB > 100 MiB)", memory.reason());
    }

    @Test
    void aTaskEndedForItsHealthIsCrashedEvenWhenItExitsWithACodeOnTheStopSignal() throws Exception {
        // restart: no, and a process that answers SIGTERM with exit 3: still tend's doing, not a task's own end
        ServiceSpec task = Harness.withRestart(service("web", "trap 'exit 3' TERM; while :; do sleep 0.2; done"),
                RestartMode.NO, 0).withHealth(new Health(null, 100 * MIB));
        h.sup.register(h.project("p", task), Map.of());
        h.sup.up("p", List.of());
        awaitWeb(s -> s.state() == ServiceState.RUNNING, "running");
        Harness.awaitTrue(() -> timer.pending() == 2, "min_uptime and the memory watch scheduled");

        sample(200 * MIB);
        rss.set(200 * MIB);
        advance(MemoryWatch.INTERVAL, 1);
        ServiceSnapshot ended = awaitWeb(s -> s.state().isDown(), "down");
        assertEquals(ServiceState.CRASHED, ended.state(), "ended for its memory, not completed: " + ended);
        assertTrue(historyKinds().contains("crashed"), historyKinds().toString());
    }

    /** One tick of the memory watch with the tree at that size; waits until the sample is the service's. */
    private void sample(long bytes) {
        rss.set(bytes);
        advance(MemoryWatch.INTERVAL, 1);
        awaitWeb(s -> s.rssBytes() == bytes, "a sample of " + bytes);
    }

    @Test
    void aReloadThatChangesOnlyHealthAppliesWithoutARestart() throws Exception {
        ServiceSpec plain = service("web", "exec sleep 1000");
        h.sup.register(h.project("p", plain), Map.of());
        long pid = upAndReady().pid();

        ServiceChanges changes = h.sup.reload(h.project("p", plain.withHealth(aliveUnlessSick())), Map.of());
        assertEquals(List.of("web"), changes.changed());
        ServiceSnapshot checked = web();
        assertEquals(pid, checked.pid(), "not restarted");
        assertEquals(new AliveStatus(0, 3, null), checked.alive(), "checked from now on");
        Files.createFile(dir.resolve("sick"));
        check(1);

        h.sup.reload(h.project("p", plain), Map.of());
        ServiceSnapshot unchecked = web();
        assertEquals(pid, unchecked.pid());
        assertNull(unchecked.alive());
        assertNull(unchecked.reason(), "nothing unhealthy is told once the probe is gone");
        assertEquals(ServiceState.READY, unchecked.state());
    }
}
