package dev.tend.daemon.lifecycle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DyingThreadsTest {

    @Test
    void aThreadDyingOfAnUncaughtErrorShutsTheDaemonDownNamingIt() throws Exception {
        Shutdown shutdown = new Shutdown();
        Thread t = new Thread(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, "log-web-out");
        t.setUncaughtExceptionHandler((thread, e) -> DyingThreads.died(shutdown, thread, e));
        t.start();
        t.join();
        assertEquals("thread log-web-out died of java.lang.OutOfMemoryError: Java heap space", shutdown.reason());
    }
}
