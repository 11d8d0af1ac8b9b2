package dev.tend.daemon.hooks;

import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Real hooks: /bin/sh children of this JVM. */
class HookRunnerTest {
    @TempDir
    Path dir;

    private final HookRunner runner = new HookRunner(new PosixProcessLauncher(), new PosixProcessControl(),
            Map.of("PATH", System.getenv("PATH"), "FROM_DAEMON", "yes"));

    @Test
    void aHookRunsInItsDirectoryWithItsVariablesOnTheDaemonsEnvironmentAndReturnsHowItEnded() throws Exception {
        HookCall call = new HookCall("shop/api on_failure",
                "printf '%s %s %s' \"$TEND_SERVICE\" \"$TEND_EXIT_CODE\" \"$FROM_DAEMON\" > out; exit 4", dir,
                Map.of("TEND_SERVICE", "api", "TEND_EXIT_CODE", "3"));
        ExitStatus status = runner.run(call, Duration.ofMinutes(1));
        assertEquals(ExitStatus.exited(4), status);
        assertEquals("api 3 yes", Files.readString(dir.resolve("out")));
    }

    @Test
    void aHookStillRunningAfterItsTimeoutIsKilledWithItsWholeTree() throws Exception {
        HookCall call = new HookCall("shop/api on_failure",
                "echo $$ > main.pid; sleep 300 & echo $! > child.pid; wait", dir, Map.of());
        assertNull(runner.run(call, Duration.ofSeconds(2)), "a killed hook has no exit to report");
        long main = Long.parseLong(Files.readString(dir.resolve("main.pid")).trim());
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        await(() -> ProcessHandle.of(main).map(p -> !p.isAlive()).orElse(true), "the hook's shell is gone");
        await(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true), "the hook's sleep is gone");
    }

    @Test
    void aHookWhoseThreadIsInterruptedIsKilledWithItsWholeTreeBeforeItReturns() throws Exception {
        // The daemon going away interrupts the hook threads (Hooks.close): what they run must not outlive them.
        HookCall call = new HookCall("shop/api on_failure",
                "echo $$ > main.pid; sleep 300 & echo $! > child.pid; wait", dir, Map.of());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            try {
                runner.run(call, Duration.ofMinutes(5));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        hook.start();
        await(() -> Files.exists(dir.resolve("child.pid")) && readPid("child.pid") > 0, "the hook's sleep started");
        long main = readPid("main.pid");
        long child = readPid("child.pid");

        hook.interrupt();
        hook.join(Duration.ofSeconds(20).toMillis());

        assertInstanceOf(InterruptedException.class, thrown.get(), "the interrupt reaches the caller");
        await(() -> ProcessHandle.of(main).map(p -> !p.isAlive()).orElse(true), "the hook's shell is gone");
        await(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true), "the hook's sleep is gone");
    }

    private long readPid(String file) {
        try {
            String text = Files.readString(dir.resolve(file)).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Test
    void aHookThatCannotStartIsReportedNotThrown() throws Exception {
        HookCall call = new HookCall("shop/api on_ready", "true", dir.resolve("missing"), Map.of());
        assertNull(runner.run(call, Duration.ofSeconds(5)));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
