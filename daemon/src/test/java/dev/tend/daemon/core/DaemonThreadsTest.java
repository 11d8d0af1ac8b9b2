package dev.tend.daemon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void anIdleThreadTakesTheNextTaskInsteadOfANewOneStarting() throws Exception {
        ExecutorService pool = DaemonThreads.elastic("t", 256, Duration.ofMinutes(1));
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 20; i++) {
                pool.submit(() -> names.add(Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
                awaitIdle((ThreadPoolExecutor) pool);
            }
            assertEquals(Set.of("t-1"), names);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void busyThreadsMakeItGrowToItsMaximumAndThenTasksWaitTheirTurn() throws Exception {
        ExecutorService pool = DaemonThreads.elastic("t", 2, Duration.ofMinutes(1));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        try {
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    running.countDown();
                    await(release);
                });
            }
            assertTrue(running.await(10, TimeUnit.SECONDS), "two tasks run at once");
            Future<String> third = pool.submit(() -> Thread.currentThread().getName());
            assertEquals(2, ((ThreadPoolExecutor) pool).getPoolSize(), "no third thread past the maximum");
            assertFalse(third.isDone(), "the third waits for a free thread");

            release.countDown();
            assertTrue(third.get(10, TimeUnit.SECONDS).startsWith("t-"), "and runs once one is free");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void idleThreadsEndAfterTheirKeepAlive() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) DaemonThreads.elastic("t", 8, Duration.ofMillis(50));
        try {
            pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.getPoolSize() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, pool.getPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolThatWasShutDownRefusesWorkPastItsMaximum() {
        ExecutorService pool = DaemonThreads.elastic("t", 1, Duration.ofMinutes(1));
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }

    /** Until the pool's thread waits for work (a task offered then goes to it). */
    private static void awaitIdle(ThreadPoolExecutor pool) throws InterruptedException {
        LinkedTransferQueue<?> queue = (LinkedTransferQueue<?>) pool.getQueue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!queue.hasWaitingConsumer() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
