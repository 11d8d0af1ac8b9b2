package dev.tend.daemon.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DyingThreadsTest {

    @TempDir
    Path dir;

    @Test
    void aThreadDyingOfAnUncaughtErrorShutsTheDaemonDownNamingItAndCountsTowardACrashLoop() throws Exception {
        Shutdown shutdown = new Shutdown();
        Path deaths = dir.resolve("quick-deaths");
        CrashLoop loop = CrashLoop.atStart(deaths, Clock.systemUTC());
        Thread t = new Thread(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, "log-web-out");
        t.setUncaughtExceptionHandler((thread, e) -> DyingThreads.died(shutdown, loop, thread, e));
        t.start();
        t.join();
        assertEquals("thread log-web-out died of java.lang.OutOfMemoryError: Java heap space", shutdown.reason());
        assertEquals(List.of("1", "thread log-web-out died of java.lang.OutOfMemoryError: Java heap space"),
                Files.readAllLines(deaths));
    }
}
