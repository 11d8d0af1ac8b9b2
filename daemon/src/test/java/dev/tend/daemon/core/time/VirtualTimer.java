package dev.tend.daemon.core.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Timer} in virtual time: nothing runs until the test moves it on with {@link #advance}. */
public final class VirtualTimer implements Timer {

    private static final class Task implements Scheduled {
        final long dueNanos;
        final long order;
        final Runnable body;
        boolean cancelled;

        Task(long dueNanos, long order, Runnable body) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.body = body;
        }

        @Override
        public void cancel() {
            synchronized (this) {
                cancelled = true;
            }
        }

        synchronized boolean isCancelled() {
            return cancelled;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long scheduled;

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task t = new Task(nowNanos + delay.toNanos(), scheduled++, task);
        tasks.add(t);
        return t;
    }

    /** Moves time on and runs what fell due meanwhile, earliest first, including what those tasks schedule. */
    public void advance(Duration by) {
        long until;
        synchronized (this) {
            until = nowNanos + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(Task::isCancelled);
                next = tasks.stream().filter(t -> t.dueNanos <= until)
                        .min(Comparator.comparingLong((Task t) -> t.dueNanos).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    nowNanos = until;
                    return;
                }
                tasks.remove(next);
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            next.body.run(); // outside this timer's lock, as a real timer thread would
        }
    }

    /** The tasks scheduled and neither run nor cancelled. */
    public synchronized int pending() {
        tasks.removeIf(Task::isCancelled);
        return tasks.size();
    }
}
