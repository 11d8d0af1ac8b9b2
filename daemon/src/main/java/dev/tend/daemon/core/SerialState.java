package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ProcessLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * State changed under one lock, held only for bookkeeping: each locked section collects what to do once the lock
 * is released (store writes, completing futures, starting work), and which items it touched. Events are queued to
 * a single dispatcher thread while the lock is held, so listeners get them in the order of the changes and never
 * run under the lock. They carry no number of their own: the event bus gives the one daemon-wide seq.
 *
 * @param <L> the listener type
 * @param <S> what a locked section marks as touched, for the check that ends each section
 */
public final class SerialState<L, S> {

    private static final Logger log = LoggerFactory.getLogger(SerialState.class);

    /** What one locked section leaves to do after the lock is released, and what it touched. */
    public static final class Tx<S> {
        private final List<Runnable> after = new ArrayList<>();
        private final Set<S> touched = new LinkedHashSet<>();
        private final Map<Object, List<Object>> batches = new HashMap<>();

        public void after(Runnable r) {
            after.add(r);
        }

        /**
         * One after-action for the whole section, where its first item was given, fed with every item the section
         * gave the same key, in order: fifty stops of one `down` become one look at the process table and one kill.
         */
        @SuppressWarnings("unchecked")
        public <T> void afterAll(Object key, T item, Consumer<List<T>> action) {
            List<Object> items = batches.get(key);
            if (items == null) {
                List<Object> fresh = new ArrayList<>();
                batches.put(key, fresh);
                after(() -> action.accept((List<T>) List.copyOf(fresh)));
                items = fresh;
            }
            items.add(item);
        }

        public void touch(S item) {
            touched.add(item);
        }

        public void touchAll(Iterable<? extends S> items) {
            items.forEach(touched::add);
        }

        /** In the order they were first touched. */
        public Set<S> touched() {
            return touched;
        }
    }

    /** Whether this thread runs after-actions now (of any SerialState): it must not wait for them. */
    private static final ThreadLocal<Boolean> IN_AFTER_PHASE = ThreadLocal.withInitial(() -> false);

    private final ReentrantLock lock = new ReentrantLock();
    private final AfterPhases afterPhases = new AfterPhases();
    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;
    private final Consumer<Tx<S>> beforeUnlock;

    /** @param dispatcherName the name of the thread that calls the listeners; no check ends a locked section */
    public SerialState(String dispatcherName) {
        this(dispatcherName, tx -> { });
    }

    /**
     * @param dispatcherName the name of the thread that calls the listeners
     * @param beforeUnlock   runs at the end of every locked section, still under the lock
     */
    public SerialState(String dispatcherName, Consumer<Tx<S>> beforeUnlock) {
        this.dispatcher = Executors.newSingleThreadExecutor(DaemonThreads.named(dispatcherName));
        this.beforeUnlock = Objects.requireNonNull(beforeUnlock, "beforeUnlock");
    }

    public void addListener(L listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(L listener) {
        listeners.remove(listener);
    }

    /** Runs the body under the lock, then the end-of-section check, then (unlocked) what the body left to do. */
    public <T> T locked(Function<Tx<S>, T> body) {
        Tx<S> tx = new Tx<>();
        T result;
        long ticket = 0;
        lock.lock();
        try {
            result = body.apply(tx);
            beforeUnlock.accept(tx);
            if (!tx.after.isEmpty()) {
                ticket = afterPhases.open();
            }
        } finally {
            lock.unlock();
        }
        boolean outer = IN_AFTER_PHASE.get();
        IN_AFTER_PHASE.set(true);
        try {
            for (Runnable r : tx.after) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("after-lock action failed: {}", e.toString(), e);
                }
            }
        } finally {
            IN_AFTER_PHASE.set(outer);
            if (ticket != 0) {
                afterPhases.close(ticket);
            }
        }
        return result;
    }

    /**
     * Waits (at most {@link AfterPhases#MAX_WAIT_MILLIS}) until the after-actions of every locked section that
     * ended before this call have run: what a caller could have seen changed, it can now read the records of. Not
     * from under the lock or from an after-action (it would wait for itself): then it returns at once.
     */
    public void awaitAfterActions() {
        if (lock.isHeldByCurrentThread() || IN_AFTER_PHASE.get()) {
            return;
        }
        try {
            afterPhases.awaitThrough(underLock(afterPhases::last));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the supplier under the lock: nothing changes, and no event is queued, meanwhile. */
    public <T> T underLock(Supplier<T> supplier) {
        lock.lock();
        try {
            return supplier.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the event to the listeners registered now, in order; a listener that fails is logged and the others
     * still hear. Called under the lock, a listener added under the lock with a snapshot of the state hears exactly
     * the changes after that snapshot: none queued before it, even if delivered later.
     */
    public void dispatch(Consumer<L> event) {
        if (listeners.isEmpty()) {
            return;
        }
        List<L> hearing = List.copyOf(listeners);
        try {
            dispatcher.execute(() -> {
                for (L l : hearing) {
                    try {
                        event.accept(l);
                    } catch (RuntimeException e) {
                        log.warn("listener {} failed: {}", l, e.toString(), e);
                    } catch (OutOfMemoryError e) {
                        // A listener that could not start a thread (ulimit -u) must not take the dispatcher's with it:
                        // a new one could not be started either, and every later change would fail under the lock
                        if (!ProcessLimit.isThreadLimit(e)) {
                            throw e;
                        }
                        log.warn("listener {} failed: {}", l, e.toString());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // after shutdown: nobody is listening any more
        } catch (OutOfMemoryError e) {
            if (!ProcessLimit.isThreadLimit(e)) {
                throw e;
            }
            log.warn("an event was not told: no thread to tell it on ({})", e.toString()); // not under the lock's feet
        }
    }

    /** Runs {@code last} after every event queued so far has been delivered, then stops the dispatcher. */
    public void close(Runnable last) {
        dispatcher.execute(last);
        dispatcher.shutdown();
    }
}
