package dev.tend.daemon.core.process;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedScanTest {

    @Test
    void aCallerAloneScansEachTimeItAsks() {
        AtomicInteger scans = new AtomicInteger();
        SharedScan<Integer> shared = new SharedScan<>(scans::incrementAndGet);
        assertEquals(1, shared.get());
        assertEquals(2, shared.get());
        assertEquals(3, shared.get());
    }

    @Test
    void callersWhoAskWhileAScanRunsShareTheNextScanNotTheRunningOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger scans = new AtomicInteger();
        SharedScan<Integer> shared = new SharedScan<>(() -> {
            int n = scans.incrementAndGet();
            if (n == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            return n;
        });
        int[] first = new int[1];
        Thread early = new Thread(() -> first[0] = shared.get());
        early.start();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));

        // These ask after scan 1 began: what it finds may predate them, so they must not get it.
        int late = 8;
        List<Thread> threads = new ArrayList<>();
        int[] got = new int[late];
        CountDownLatch asking = new CountDownLatch(late);
        for (int i = 0; i < late; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                asking.countDown();
                got[k] = shared.get();
            });
            t.start();
            threads.add(t);
        }
        assertTrue(asking.await(10, TimeUnit.SECONDS));
        while (threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            Thread.onSpinWait(); // all of them are waiting for the running scan
        }
        releaseFirst.countDown();
        early.join();
        for (Thread t : threads) {
            t.join();
        }

        assertEquals(1, first[0]);
        for (int g : got) {
            assertEquals(2, g, "every late caller shares scan 2");
        }
        assertEquals(2, scans.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
