package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exec probe with real child processes: its verdict, what it says, and that it leaves nothing running. */
class ExecProbeTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final PosixProcessControl control = new PosixProcessControl();
    /** Pids of processes these tests' probes started, killed at the end if a broken probe left them. */
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void tearDown() {
        for (long pid : started) {
            if (control.startTime(pid).isPresent()) {
                control.kill(Set.of(pid));
            }
        }
        worker.shutdownNow();
    }

    private ExecProbe probe(String command, Duration killAfter) {
        ProbeContext ctx = new ProbeContext(0, dir, Map.of("PATH", System.getenv("PATH")), killAfter,
                new PosixProcessLauncher(), control, worker);
        return new ExecProbe(command, ctx, killAfter);
    }

    private long pidIn(String file) throws IOException {
        long pid = Long.parseLong(Files.readString(dir.resolve(file)).trim());
        started.add(pid);
        return pid;
    }

    /** Waits (bounded) for the pid to be gone; a zombie counts as gone. */
    private boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (control.startTime(pid).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return control.startTime(pid).isEmpty();
    }

    @Test
    void aCheckThatWritesMoreThanAPipeHoldsOnBothStreamsStillPasses() throws Exception {
        ExecProbe p = probe("head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2; exit 0", Duration.ofSeconds(10));
        assertTrue(assertTimeoutPreemptively(GENEROUS, p::check), "its output is read, so it never blocks on a full pipe");
        assertEquals("exited 0", p.lastProblem());
    }

    @Test
    void aBackgroundChildLeftByAPassingCheckIsKilled() throws Exception {
        ExecProbe p = probe("sleep 1000 & echo $! > bg.pid; exit 0", Duration.ofSeconds(10));
        assertTrue(p.check());
        long bg = pidIn("bg.pid");
        assertTrue(gone(bg), "the check's background child was killed with its process group");
    }

    @Test
    void aBackgroundChildLeftByAHangingCheckIsKilledWithIt() throws Exception {
        ExecProbe p = probe("sleep 1000 & echo $! > bg.pid; echo $$ > sh.pid; wait", Duration.ofSeconds(2));
        assertFalse(p.check());
        long sh = pidIn("sh.pid");
        long bg = pidIn("bg.pid");
        assertEquals("no answer within 2000ms", p.lastProblem());
        assertTrue(gone(sh), "the check itself was killed");
        assertTrue(gone(bg), "and its child");
    }

    @Test
    void anInterruptedCheckKillsItsCommandAndSaysInterrupted() throws Exception {
        ExecProbe p = probe("echo $$ > sh.pid; sleep 1000 & echo $! > bg.pid; wait", Duration.ofSeconds(60));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                p.check();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        Path bgFile = dir.resolve("bg.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(bgFile) && Files.readString(bgFile).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long sh = pidIn("sh.pid");
        long bg = pidIn("bg.pid");
        t.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(30, TimeUnit.SECONDS));
        assertTrue(gone(sh), "the interrupted check was killed");
        assertTrue(gone(bg), "and its child");
    }

    @Test
    void aFailingCheckSaysHowItEnded() throws Exception {
        ExecProbe exited = probe("exit 3", Duration.ofSeconds(10));
        assertFalse(exited.check());
        assertEquals("exited 3", exited.lastProblem());

        ExecProbe killed = probe("kill -TERM $$", Duration.ofSeconds(10));
        assertFalse(killed.check());
        assertEquals("killed by SIGTERM", killed.lastProblem());
    }

    @Test
    void anEmptyCommandIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe("", Duration.ofSeconds(1)));
        assertEquals("exec probe: empty command", e.getMessage());
    }

    @Test
    void describesItselfByItsCommand() {
        assertEquals("exec 'test -f ready'", probe("test -f ready", Duration.ofSeconds(1)).describe());
    }
}
