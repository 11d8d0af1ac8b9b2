package dev.tend.daemon.core.process;

import java.util.function.Supplier;

/**
 * A fresh look at something costly to read (the process table), shared by the callers that asked at about the same
 * time: a caller gets the result of a scan that started after it asked, never an older one, and while one scan runs
 * those who ask meanwhile wait for it to end and then share the next one. Fifty services stopping at once poll the
 * process table every few milliseconds each; this turns their fifty scans per round into one or two.
 */
final class SharedScan<T> {
    private final Supplier<T> scan;
    private T latest;
    private long latestStartedAt;
    private boolean running;

    SharedScan(Supplier<T> scan) {
        this.scan = scan;
    }

    T get() {
        long asked = System.nanoTime();
        synchronized (this) {
            while (true) {
                if (latest != null && latestStartedAt - asked >= 0) {
                    return latest;
                }
                if (!running) {
                    running = true;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return scan.get(); // the interrupt is kept for the caller; the answer must be fresh all the same
                }
            }
        }
        T value = null;
        long startedAt = System.nanoTime();
        try {
            value = scan.get();
            return value;
        } finally {
            synchronized (this) {
                running = false;
                if (value != null) {
                    latest = value;
                    latestStartedAt = startedAt;
                }
                notifyAll();
            }
        }
    }
}
