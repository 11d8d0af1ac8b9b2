package dev.tend.daemon.core;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ExitStatus;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launch that fails after its fork leaves no process behind and no record for a second copy to join. */
class SupervisorLaunchFailureTest {

    @TempDir
    Path dir;

    @Test
    void aLaunchThatFailsAfterItsForkKillsTheChildAndForgetsItsRecord() throws Exception {
        AtomicLong forked = new AtomicLong();
        // The real child is started; then its output cannot be taken (as a capture that cannot start would fail).
        try (Harness h = Harness.withLauncher(dir, real -> (command, cwd, env) -> {
            ChildProcess child = real.launch(command, cwd, env);
            forked.set(child.pid());
            return new ChildProcess() {
                @Override
                public long pid() {
                    return child.pid();
                }

                @Override
                public Instant startTime() {
                    return child.startTime();
                }

                @Override
                public InputStream stdout() {
                    throw new IllegalStateException("no stdout for this test");
                }

                @Override
                public InputStream stderr() {
                    return child.stderr();
                }

                @Override
                public CompletableFuture<ExitStatus> onExit() {
                    return child.onExit();
                }
            };
        })) {
            h.sup.register(h.project("p", service("web", "exec sleep 1000")), Map.of());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> h.sup.up("p", List.of()).get(20, TimeUnit.SECONDS));
            assertTrue(forked.get() > 0, "the child was forked");
            h.track(forked.get());
            assertTrue(String.valueOf(e.getCause().getMessage()).contains("no stdout for this test"),
                    e.getCause().toString());
            Harness.awaitTrue(() -> !h.alive(forked.get()), "the forked child is killed");
            assertEquals(List.of(), h.store.liveChildren(), "no live-child record left");
        }
    }
}
