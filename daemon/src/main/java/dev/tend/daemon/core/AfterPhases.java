package dev.tend.daemon.core;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;

/**
 * The after-unlock phases of {@link SerialState}'s locked sections that are still running. A change is visible
 * under the lock before the section's after-actions (its history row, for one) have run on the releasing thread;
 * a reader that saw the change and asks for what those actions write waits here until the sections it could have
 * seen are through, so `tend ps` showing "failed" and `tend history` without the failure never happen together.
 */
final class AfterPhases {

    /** How long a reader waits at most: a slow disk delays its answer, it never hangs it. */
    static final long MAX_WAIT_MILLIS = 5_000;

    private final ConcurrentSkipListSet<Long> running = new ConcurrentSkipListSet<>();
    private long last;

    /** Under the section's lock, before it is released: the ticket of its after-phase. */
    long open() {
        long ticket = ++last;
        running.add(ticket);
        return ticket;
    }

    /** The newest ticket handed out; read under the lock. */
    long last() {
        return last;
    }

    void close(long ticket) {
        running.remove(ticket);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits (bounded) until no after-phase up to this ticket is still running. */
    void awaitThrough(long ticket) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        synchronized (this) {
            while (!running.isEmpty() && running.first() <= ticket) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
