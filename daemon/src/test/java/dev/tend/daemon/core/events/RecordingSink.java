package dev.tend.daemon.core.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** A sink that keeps what it gets and whose writability the test switches. */
final class RecordingSink implements EventSink {
    private final List<Event> events = new ArrayList<>();
    private volatile boolean writable = true;
    private int flushes;
    private int flushedEvents;
    private int stopTakingAfter = -1;

    /** Becomes unwritable once it holds this many events (as a connection's buffer fills). */
    synchronized RecordingSink stopTakingAfter(int events) {
        stopTakingAfter = events;
        return this;
    }

    @Override
    public synchronized void flush() {
        flushes++;
        flushedEvents = events.size();
    }

    synchronized int flushes() {
        return flushes;
    }

    /** How many of the events had been flushed. */
    synchronized int flushedEvents() {
        return flushedEvents;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    void writable(boolean w) {
        writable = w;
    }

    @Override
    public synchronized void send(Subscription subscription, Event event) {
        events.add(event);
        if (events.size() == stopTakingAfter) {
            writable = false;
        }
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized List<Long> seqs() {
        List<Long> seqs = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.ServiceChanged s) {
                seqs.add(s.seq());
            } else if (e instanceof Event.ProjectChanged p) {
                seqs.add(p.seq());
            } else if (e instanceof Event.ServiceRemoved r) {
                seqs.add(r.seq());
            } else if (e instanceof Event.JobChanged j) {
                seqs.add(j.seq());
            } else if (e instanceof Event.JobRemoved j) {
                seqs.add(j.seq());
            }
        }
        return seqs;
    }

    /** Runs deliveries on the publishing thread, so a test sees them as soon as publish returns. */
    static class Direct extends AbstractExecutorService {
        private volatile boolean shut;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
