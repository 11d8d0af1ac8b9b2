package dev.tend.daemon.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SerialStateTest {

    @Test
    void afterActionsRunInOrderOnceTheLockIsFreeAndAFailingOneDoesNotStopTheRest() throws Exception {
        SerialState<IntConsumer, Void> serial = new SerialState<>("test-events");
        List<String> done = new ArrayList<>();
        String result = serial.locked(tx -> {
            tx.after(() -> done.add("first"));
            tx.after(() -> {
                throw new IllegalStateException("expected by the test");
            });
            // Another thread can take the lock only if this one no longer holds it.
            tx.after(() -> done.add(CompletableFuture.supplyAsync(() -> serial.underLock(() -> "lock free"))
                    .orTimeout(30, TimeUnit.SECONDS).join()));
            done.add("body");
            return "result";
        });
        assertEquals("result", result);
        assertEquals(List.of("body", "first", "lock free"), done);
        closeAndAwait(serial);
    }

    @Test
    void theItemsOneSectionGivesAKeyReachOneActionWhereTheFirstWasGiven() {
        SerialState<IntConsumer, Void> serial = new SerialState<>("test-events");
        Object stops = new Object();
        Object starts = new Object();
        List<String> done = new ArrayList<>();

        serial.locked(tx -> {
            tx.after(() -> done.add("before"));
            tx.afterAll(stops, "web", (List<String> items) -> done.add("stop " + items));
            tx.after(() -> done.add("between"));
            tx.afterAll(starts, "db", (List<String> items) -> done.add("start " + items));
            tx.afterAll(stops, "api", (List<String> items) -> done.add("second action, never run"));
            return null;
        });
        serial.locked(tx -> {
            tx.afterAll(stops, "worker", (List<String> items) -> done.add("stop " + items));
            return null;
        });

        assertEquals(List.of("before", "stop [web, api]", "between", "start [db]", "stop [worker]"), done);
        serial.close(() -> { });
    }

    @Test
    void aReaderWaitsForTheAfterActionsOfWhatItCouldAlreadySee() throws Exception {
        SerialState<IntConsumer, Void> serial = new SerialState<>("test-events");
        java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean recorded = new java.util.concurrent.atomic.AtomicBoolean();
        // a change whose record (the after-action) is written slowly, on the thread that made it
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> serial.locked(tx -> {
            tx.after(() -> {
                changed.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorded.set(true);
            });
            return null;
        }));
        changed.await(30, TimeUnit.SECONDS);
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
            serial.awaitAfterActions();
            return recorded.get();
        });
        release.countDown();
        assertEquals(true, reader.get(30, TimeUnit.SECONDS), "the reader returned before the record was written");
        writer.get(30, TimeUnit.SECONDS);
        closeAndAwait(serial);
    }

    @Test
    void anAfterActionThatReadsDoesNotWaitForItself() throws Exception {
        SerialState<IntConsumer, Void> serial = new SerialState<>("test-events");
        List<String> done = new ArrayList<>();
        serial.locked(tx -> {
            tx.after(() -> {
                serial.awaitAfterActions();
                done.add("read");
            });
            serial.awaitAfterActions(); // under the lock: nothing to wait for that could finish
            return null;
        });
        assertEquals(List.of("read"), done);
        closeAndAwait(serial);
    }

    @Test
    void theEndOfSectionCheckSeesWhatTheBodyTouchedInOrder() throws Exception {
        List<List<String>> seen = new ArrayList<>();
        SerialState<IntConsumer, String> serial =
                new SerialState<>("test-events", tx -> seen.add(List.copyOf(tx.touched())));
        serial.locked(tx -> {
            tx.touch("b");
            tx.touchAll(List.of("a", "b", "c"));
            return null;
        });
        assertEquals(List.of(List.of("b", "a", "c")), seen);
        closeAndAwait(serial);
    }

    @Test
    void listenersHearEventsInDispatchOrderAndAFailingListenerDoesNotSilenceTheOthers() throws Exception {
        SerialState<IntConsumer, Void> serial = new SerialState<>("test-events");
        List<Integer> heard = new ArrayList<>(); // written only by the dispatcher thread
        serial.addListener(n -> {
            throw new IllegalStateException("expected by the test");
        });
        serial.addListener(heard::add);
        List<Integer> sent = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            int n = i;
            serial.locked(tx -> {
                serial.dispatch(l -> l.accept(n));
                return null;
            });
            sent.add(n);
        }
        CompletableFuture<List<Integer>> delivered = new CompletableFuture<>();
        serial.close(() -> delivered.complete(List.copyOf(heard)));
        assertEquals(sent, delivered.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aListenerAddedUnderTheLockHearsExactlyTheEventsQueuedAfterIt() throws Exception {
        SerialState<IntConsumer, Void> serial = new SerialState<>("test-events");
        CompletableFuture<Void> release = new CompletableFuture<>();
        // The first listener holds the dispatcher: events queued meanwhile wait, undelivered, in its queue.
        serial.addListener(n -> {
            if (n == 1) {
                release.join();
            }
        });
        List<Integer> heard = new ArrayList<>(); // written only by the dispatcher thread
        for (int n = 1; n <= 3; n++) {
            int event = n;
            serial.locked(tx -> {
                serial.dispatch(l -> l.accept(event));
                return null;
            });
        }
        serial.locked(tx -> {
            serial.addListener(heard::add);
            serial.dispatch(l -> l.accept(4));
            return null;
        });
        release.complete(null);
        CompletableFuture<List<Integer>> delivered = new CompletableFuture<>();
        serial.close(() -> delivered.complete(List.copyOf(heard)));
        assertEquals(List.of(4), delivered.get(30, TimeUnit.SECONDS), "events 2 and 3 were queued before it listened");
    }

    private static void closeAndAwait(SerialState<?, ?> serial) throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        serial.close(() -> closed.complete(null));
        closed.get(30, TimeUnit.SECONDS);
    }
}
