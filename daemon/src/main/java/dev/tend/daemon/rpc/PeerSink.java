package dev.tend.daemon.rpc;

import dev.tend.daemon.core.events.Event;
import dev.tend.daemon.core.events.EventSink;
import dev.tend.daemon.core.events.Subscription;

/** A subscription's events as JSON-RPC notifications on its connection. */
final class PeerSink implements EventSink {
    private final Peer peer;
    private final EventNotifications notifications;

    PeerSink(Peer peer, EventNotifications notifications) {
        this.peer = peer;
        this.notifications = notifications;
    }

    @Override
    public boolean writable() {
        return peer.isWritable() || !peer.isOpen();
    }

    @Override
    public void send(Subscription subscription, Event event) {
        if (peer.isOpen()) {
            peer.write(notifications.line(subscription.id(), event));
        }
    }

    @Override
    public void flush() {
        peer.flush();
    }
}
