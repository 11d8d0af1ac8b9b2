package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ProcessLimit;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The daemon's threads: named for what they do, never keeping the JVM alive, and few when idle. */
public final class DaemonThreads {

    /** How long a worker of a burst (fifty launches, fifty stops) outlives it: long enough for the next burst. */
    public static final Duration IDLE_WORKER_KEEP_ALIVE = Duration.ofSeconds(5);

    private DaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A pool that hands a task to an idle thread if there is one, else starts a thread up to {@code max}, and past
     * that queues the task; a thread idle for {@code keepAlive} ends. A {@link ThreadPoolExecutor} with a core size
     * starts a new thread for every task until it has that many, idle ones or not (the request pool grew to a thread
     * per request), and a cached pool keeps every thread of a burst for a minute: fifty services started at once
     * left fifty idle threads, a few MB of the daemon's memory, long after.
     */
    public static ExecutorService elastic(String prefix, int max, Duration keepAlive) {
        return elastic(prefix, max, keepAlive, named(prefix));
    }

    /** @param threads makes the pool's threads (a test's may fail as the JVM does at the user's process limit) */
    static ExecutorService elastic(String prefix, int max, Duration keepAlive, ThreadFactory threads) {
        HandOffQueue queue = new HandOffQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, max, keepAlive.toMillis(), TimeUnit.MILLISECONDS, queue,
                threads, (task, executor) -> {
                    if (executor.isShutdown()) {
                        throw new java.util.concurrent.RejectedExecutionException(prefix + " pool is shut down");
                    }
                    queue.enqueue(task); // every thread is busy and there may be no more: the task waits its turn
                }) {
            /**
             * No thread can be started (the user's limit of processes and threads, ulimit -u): the task waits for a
             * thread of the pool if it has one, else runs here. Thrown on, it would be lost where callers cannot
             * handle it (a child's end completed on the JDK's thread: the service would never hear it ended).
             */
            @Override
            public void execute(Runnable task) {
                try {
                    super.execute(task);
                } catch (OutOfMemoryError e) {
                    if (!ProcessLimit.isThreadLimit(e)) {
                        throw e;
                    }
                    if (getPoolSize() > 0) {
                        queue.enqueue(task);
                    } else {
                        task.run();
                    }
                }
            }
        };
        return pool;
    }

    /** Offers only to a thread waiting for work: a refused offer makes the pool start a thread. */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
