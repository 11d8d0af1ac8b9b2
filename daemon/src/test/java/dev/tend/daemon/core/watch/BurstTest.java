package dev.tend.daemon.core.watch;

import dev.tend.daemon.core.time.VirtualTimer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Debouncing and coalescing in virtual time. */
class BurstTest {

    private static final Duration QUIET = Duration.ofMillis(500);
    private final VirtualTimer timer = new VirtualTimer();
    private static final Path A = Path.of("/p/src/a.go");
    private static final Path B = Path.of("/p/src/b.go");
    private final List<CompletableFuture<Void>> restarts = new ArrayList<>();
    private final List<Path> causes = new ArrayList<>();
    private final Burst burst = new Burst(timer, QUIET, cause -> {
        CompletableFuture<Void> f = new CompletableFuture<>();
        restarts.add(f);
        causes.add(cause);
        return f;
    });

    @Test
    void aThousandChangesInABurstAreOneRestartOnceQuiet() {
        for (int i = 0; i < 1000; i++) {
            burst.changed(A);
            timer.advance(Duration.ofMillis(10));
        }
        assertEquals(0, restarts.size(), "still changing: no restart yet");
        timer.advance(QUIET);
        assertEquals(1, restarts.size());
        assertEquals(1, timer.pending() + 1, "nothing else scheduled");
    }

    @Test
    void changesDuringARestartAreCoalescedIntoOneMoreAfterIt() {
        burst.changed(A);
        timer.advance(QUIET);
        assertEquals(1, restarts.size());
        for (int round = 0; round < 3; round++) { // three bursts while the restart is under way
            burst.changed(A);
            timer.advance(QUIET);
        }
        assertEquals(1, restarts.size(), "no second restart while the first is under way");
        restarts.get(0).complete(null);
        assertEquals(2, restarts.size(), "one more, for all the changes meanwhile");
        restarts.get(1).complete(null);
        assertEquals(2, restarts.size());
    }

    @Test
    void aFailedRestartDoesNotStopTheNextBurst() {
        burst.changed(A);
        timer.advance(QUIET);
        restarts.get(0).completeExceptionally(new IllegalStateException("crashed"));
        burst.changed(A);
        timer.advance(QUIET);
        assertEquals(2, restarts.size());
    }

    @Test
    void afterCloseChangesRestartNothing() {
        burst.changed(A);
        burst.close();
        timer.advance(QUIET);
        burst.changed(A);
        timer.advance(QUIET);
        assertEquals(0, restarts.size());
    }

    @Test
    void eachRestartIsForTheFirstChangeItCoalesced() {
        burst.changed(A);
        burst.changed(B);
        timer.advance(QUIET);
        burst.changed(B); // while the first restart is under way
        burst.changed(A);
        timer.advance(QUIET);
        restarts.get(0).complete(null);
        assertEquals(List.of(A, B), causes);
    }
}
