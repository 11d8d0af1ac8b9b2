package dev.tend.daemon.core.events;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One subscriber: its topics and filter, and a bounded queue between the bus and its sink. The bus offers events
 * under its own lock and never waits; a delivery thread moves them to the sink while the sink is writable. A queue
 * that overflows is dropped whole and replaced by one {@link Event.Lagged}, after which the subscription is over.
 *
 * <p>A subscription starts paused, so that the answer to the subscribe request can reach the peer before the first
 * event does; {@link #start()} lets events flow.
 */
public final class Subscription {
    /** Unflushed event weight after which the drain flushes without waiting for the queue to empty. */
    static final long FLUSH_BYTES = 64 * 1024;

    private final String id;
    private final Object owner;
    private final Set<Topic> topics;
    private final EventFilter filter;
    private final EventSink sink;
    private final BusLimits limits;
    private final Executor delivery;
    private final Runnable onEnd;

    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean started;
    private boolean cancelled;
    private long lagMissed; // > 0: a Lagged is owed to the sink
    private boolean draining;

    Subscription(String id, Object owner, Set<Topic> topics, EventFilter filter, EventSink sink, BusLimits limits,
                 Executor delivery, Runnable onEnd) {
        this.id = id;
        this.owner = owner;
        this.topics = Set.copyOf(topics);
        this.filter = filter;
        this.sink = sink;
        this.limits = limits;
        this.delivery = delivery;
        this.onEnd = onEnd;
    }

    public String id() {
        return id;
    }

    /** Whoever subscribed (the RPC layer's connection), so that only it may unsubscribe. */
    public Object owner() {
        return owner;
    }

    public Set<Topic> topics() {
        return topics;
    }

    public EventFilter filter() {
        return filter;
    }

    /** Lets queued and later events flow to the sink. */
    public void start() {
        synchronized (this) {
            started = true;
        }
        wake();
    }

    /** Ends the subscription: nothing more is delivered (not even what is queued). Idempotent. */
    public void cancel() {
        synchronized (this) {
            if (cancelled && lagMissed == 0) {
                return;
            }
            cancelled = true;
            lagMissed = 0;
            queue.clear();
            queuedBytes = 0;
        }
        onEnd.run();
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Whether nothing is waiting to be handed to the sink (or the sink cannot take it, so waiting is pointless). */
    synchronized boolean settled() {
        return (queue.isEmpty() && lagMissed == 0) || !started || !sink.writable();
    }

    /**
     * Queues an event (the bus calls this under its lock). Returns false if this overflowed the queue: the backlog
     * is gone, a Lagged is owed, and the bus must forget the subscription.
     */
    boolean offer(Event event) {
        synchronized (this) {
            if (cancelled) {
                return true;
            }
            long w = event.weight();
            if (queue.size() + 1 > limits.maxEvents() || queuedBytes + w > limits.maxBytes()) {
                lagMissed = queue.size() + 1L;
                queue.clear();
                queuedBytes = 0;
                cancelled = true;
            } else {
                queue.add(event);
                queuedBytes += w;
            }
        }
        wake();
        return !isCancelled();
    }

    /** Schedules delivery if there is something to deliver and nobody is delivering; the sink calls it when writable. */
    public void wake() {
        synchronized (this) {
            if (draining || !started || (queue.isEmpty() && lagMissed == 0)) {
                return;
            }
            draining = true;
        }
        try {
            delivery.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                draining = false; // the bus is closed
            }
        }
    }

    /**
     * Hands over what is queued, then flushes once: events that queued up together (a stop's three changes, an up's
     * hundred) reach the peer in one write. Big ones (log pages) are flushed as they go, so the connection sends one
     * while the next is prepared. The last flush comes before the queue is found empty for good, so an event offered
     * meanwhile is either seen here or schedules a drain of its own.
     */
    private void drain() {
        boolean flushed = true;
        long unflushed = 0;
        while (true) {
            Event next = null;
            synchronized (this) {
                if (lagMissed > 0) {
                    next = new Event.Lagged(lagMissed);
                    lagMissed = 0;
                } else if (queue.isEmpty() || !sink.writable() || cancelled) {
                    if (flushed) {
                        draining = false;
                        return;
                    }
                } else {
                    next = queue.poll();
                    queuedBytes -= next.weight();
                }
            }
            try {
                if (next != null) {
                    sink.send(this, next);
                    unflushed += next.weight();
                    flushed = false;
                }
                if (next == null || unflushed >= FLUSH_BYTES) {
                    sink.flush();
                    flushed = true;
                    unflushed = 0;
                }
            } catch (RuntimeException e) {
                cancel();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + id + "]";
    }
}
