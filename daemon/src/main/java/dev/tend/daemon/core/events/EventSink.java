package dev.tend.daemon.core.events;

/**
 * Where a subscription's events go (a connection, for the RPC layer). Called from the bus's delivery threads, one
 * event at a time per subscription, in order.
 */
public interface EventSink {

    /**
     * Whether the sink takes more now without buffering past its own limit. While false the subscription holds
     * events in its bounded queue; the sink calls {@link Subscription#wake()} once it is writable again.
     */
    boolean writable();

    /** Hands one event over; must not block. It need not reach the peer before {@link #flush()}. */
    void send(Subscription subscription, Event event);

    /** Sends on what {@link #send} handed over; called whenever the subscription has nothing more to hand over now. */
    default void flush() {
    }
}
