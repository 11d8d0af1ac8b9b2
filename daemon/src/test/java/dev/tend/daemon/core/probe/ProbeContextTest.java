package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbeContextTest {

    @TempDir
    Path dir;

    @Test
    void aLivenessTimeoutReplacesOnlyTheAttemptTimeout() {
        Executor direct = Runnable::run;
        ProbeContext ready = new ProbeContext(8080, dir, Map.of("A", "1"), Duration.ofSeconds(5),
                new PosixProcessLauncher(), new PosixProcessControl(), direct);
        ProbeContext live = ready.withAttemptTimeout(Duration.ofMillis(700));
        assertEquals(new ProbeContext(8080, dir, Map.of("A", "1"), Duration.ofMillis(700), ready.launcher(),
                ready.control(), direct), live);
    }
}
