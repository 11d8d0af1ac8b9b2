package dev.tend.daemon.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The one-way switch from serving to stopping; whoever flips it first names the reason. */
public final class Shutdown {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Idempotent: later requests keep the first reason. */
    public void request(String why) {
        if (reason.compareAndSet(null, why)) {
            requested.countDown();
        }
    }

    public boolean isRequested() {
        return reason.get() != null;
    }

    public String reason() {
        return reason.get();
    }

    public void await() throws InterruptedException {
        requested.await();
    }
}
