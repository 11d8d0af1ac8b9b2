package dev.tend.daemon.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pool whose threads cannot be started (as at `ulimit -u`) still runs what it is given; a full heap is thrown on. */
class DaemonThreadsAtTheProcessLimitTest {
    private static final OutOfMemoryError NO_THREAD = new OutOfMemoryError(
            "unable to create native thread: possibly out of memory or process/resource limits reached");

    @Test
    void withNoThreadOfItsOwnTheTaskRunsOnTheCallersThread() throws Exception {
        ExecutorService pool = DaemonThreads.elastic("t", 4, Duration.ofSeconds(5), r -> {
            throw NO_THREAD;
        });
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        pool.execute(() -> ranOn.set(Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn.get());
        pool.shutdown();
    }

    @Test
    void withABusyThreadTheTaskWaitsForIt() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        ThreadFactory oneThreadOnly = r -> {
            if (first.getAndSet(false)) {
                Thread t = new Thread(r, "t-1");
                t.setDaemon(true);
                return t;
            }
            throw NO_THREAD;
        };
        ExecutorService pool = DaemonThreads.elastic("t", 4, Duration.ofSeconds(5), oneThreadOnly);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CountDownLatch second = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        pool.execute(() -> {
            ranOn.set(Thread.currentThread().getName());
            second.countDown();
        });
        release.countDown();
        assertTrue(second.await(30, TimeUnit.SECONDS));
        assertEquals("t-1", ranOn.get());
        pool.shutdown();
    }

    @Test
    void aFullHeapIsNotTakenForTheProcessLimit() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        ExecutorService pool = DaemonThreads.elastic("t", 4, Duration.ofSeconds(5), r -> {
            throw heap;
        });
        assertSame(heap, assertThrows(OutOfMemoryError.class, () -> pool.execute(() -> { })));
        pool.shutdown();
    }
}
