package dev.tend.daemon.rpc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which threads answer a frame, and what a bug while answering one peer costs. */
class RpcDispatcherTest {
    private final AtomicReference<Throwable> died = new AtomicReference<>();
    private final ExecutorService workers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-worker");
        t.setUncaughtExceptionHandler((thread, e) -> died.set(e));
        return t;
    });
    private final RpcDispatcher dispatcher =
            new RpcDispatcher(new JsonRpcEndpoint(RpcAssertions.MAPPER, new TestHandler()), workers, workers);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void aBugWhileAnsweringOnePeerClosesThatPeerAndNoThreadDies() throws Exception {
        // The daemon's worker threads die loudly (DyingThreads stops the daemon): a bug in sending one answer, as
        // when the outbound budget's sort broke, must cost that one connection, never the daemon
        RecordingPeer broken = new RecordingPeer(true);
        CountDownLatch answered = new CountDownLatch(1);
        dispatcher.onFrame(broken, "{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":[1,2],\"id\":1}", answered::countDown);
        assertTrue(answered.await(10, TimeUnit.SECONDS), "the frame counts as answered");

        RecordingPeer healthy = new RecordingPeer(false);
        CountDownLatch next = new CountDownLatch(1);
        dispatcher.onFrame(healthy, "{\"jsonrpc\":\"2.0\",\"method\":\"math.sum\",\"params\":[1,2],\"id\":2}", next::countDown);
        assertTrue(next.await(10, TimeUnit.SECONDS));

        assertTrue(broken.closed.get(), "the peer whose answer was lost is disconnected, so its client does not wait");
        assertFalse(healthy.closed.get());
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":3}"), healthy.sent);
        assertNull(died.get(), "no worker thread died");
    }

    @Test
    void logPageReadsAreToldApartByTheirMethodNames() {
        assertTrue(RpcDispatcher.readsLogPages("{\"method\":\"logs.read\"}"));
        assertTrue(RpcDispatcher.readsLogPages("[{\"method\":\"job.logs\"}]"));
        assertFalse(RpcDispatcher.readsLogPages("{\"method\":\"service.list\"}"));
    }

    private static final class RecordingPeer implements Peer {
        final boolean failsToSend;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        RecordingPeer(boolean failsToSend) {
            this.failsToSend = failsToSend;
        }

        @Override
        public String name() {
            return "peer-test";
        }

        @Override
        public void send(String line) {
            if (failsToSend) {
                throw new IllegalArgumentException("Comparison method violates its general contract!");
            }
            sent.add(line);
        }

        @Override
        public void onClose(Runnable action) {
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
