package dev.tend.daemon.core;

import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.time.VirtualTimer;
import dev.tend.daemon.core.watch.WatchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * watch: on real processes and files, the debounce in virtual time: a service that crashes at its start under watch
 * waits for a change instead of backing off to failed, and the change restarts it with a fresh count.
 */
class SupervisorWatchTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(500);

    @TempDir
    Path dir;
    private final VirtualTimer timer = new VirtualTimer();
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir, timer);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private ServiceSnapshot app() {
        return h.get("p", "app");
    }

    @Test
    void aServiceThatCrashesAtItsStartWaitsForAChangeAndTheChangeRestartsIt() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        ServiceSpec app = new ServiceSpec("app", "test -e src/fixed && exec sleep 100000 || exit 3", null, Map.of(),
                List.of(), null, RestartMode.ON_FAILURE, 2, Signal.TERM, Duration.ofSeconds(5), false, 0)
                .withWatch(new WatchSpec(List.of("src"), List.of(), DEBOUNCE));
        h.sup.register(h.project("p", app), Map.of());
        h.sup.up("p", List.of());
        Harness.awaitTrue(() -> app().state() == ServiceState.CRASHED && app().reason() != null
                && app().reason().startsWith(ServiceWatches.WAITING), "app waiting (last: " + app() + ")");
        assertEquals("waiting for a change to a watched file (exited 3)", app().reason());
        List<String> kinds = h.sup.history("p", "app", 100).stream().map(StateStore.HistoryRecord::kind).toList();
        assertTrue(kinds.contains("waiting") && !kinds.contains("failed"), kinds.toString());

        int armed = timer.pending(); // the min_uptime waits of the two runs, which find their run gone
        Files.writeString(dir.resolve("src/fixed"), "");
        Harness.awaitTrue(() -> timer.pending() > armed, "the debounce armed");
        timer.advance(DEBOUNCE);
        Harness.awaitTrue(() -> app().state() == ServiceState.RUNNING && app().pid() > 0, "app running (last: "
                + app() + ")");
        assertEquals(0, app().restarts(), "a fresh count, as a start by hand");
    }

    @Test
    void aServiceThatKeepsChangingWhatItWatchesIsToldSoNamingTheFile() throws Exception {
        Path own = Files.createDirectories(dir.resolve("app")); // not the harness's directory: its logs are there
        ServiceSpec app = new ServiceSpec("app", "date >> out.log; exec sleep 100000", own, Map.of(), List.of(), null,
                RestartMode.ON_FAILURE, 2, Signal.TERM, Duration.ofSeconds(5), false, 0)
                .withWatch(new WatchSpec(List.of("."), List.of(), DEBOUNCE));
        h.sup.register(h.project("p", app), Map.of());
        h.sup.up("p", List.of());
        // each run appends to out.log as it starts, and so arms the debounce again: time moves on until it looped
        Harness.awaitTrue(() -> {
            timer.advance(DEBOUNCE);
            return watchRows().size() > ServiceWatches.OWN_WRITES_IN_A_ROW;
        }, "restarted by its own writes (rows: " + watchRows() + ")");
        List<String> watchRows = watchRows();
        assertTrue(watchRows.contains("a watched file changed (out.log): restarting"), watchRows.toString());
        assertTrue(watchRows.contains("restarted " + ServiceWatches.OWN_WRITES_IN_A_ROW + " times in a row by changes "
                + "to out.log, each soon after it started: if the service writes it, add it to ignore:"),
                watchRows.toString());
    }

    private List<String> watchRows() {
        return h.sup.history("p", "app", 100).stream().filter(r -> r.kind().equals("watch"))
                .map(StateStore.HistoryRecord::reason).toList();
    }
}
