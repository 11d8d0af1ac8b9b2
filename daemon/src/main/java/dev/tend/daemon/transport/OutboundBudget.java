package dev.tend.daemon.transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the daemon holds for its peers that they have not read yet: answers and notifications queued but not yet
 * written to their sockets. Bounded per peer and in all (docs/daemon.md): a peer past its own bound, or the peers
 * holding the most when the total passes its bound, are disconnected, so a client that asks and never reads costs
 * the daemon a bounded amount of memory and never its life. Thread-safe.
 */
final class OutboundBudget {
    /** Far above what a reading client ever has queued (a log page is at most 1 MiB, a batch's answers 5). */
    static final long PER_PEER_BYTES = 8L << 20;
    /** A quarter of the daemon's heap (bin/tend gives it 256 MiB): memory for everything else stays. */
    static final long TOTAL_BYTES = 64L << 20;

    private final long perPeer;
    private final long total;
    private final AtomicLong pending = new AtomicLong();
    private final Set<NettyPeer> peers = ConcurrentHashMap.newKeySet();

    OutboundBudget(long perPeer, long total) {
        this.perPeer = perPeer;
        this.total = total;
    }

    void register(NettyPeer peer) {
        peers.add(peer);
    }

    void unregister(NettyPeer peer) {
        peers.remove(peer);
    }

    long pending() {
        return pending.get();
    }

    /**
     * Counts {@code bytes} more queued for the peer.
     *
     * @return the peers to disconnect, each with why: this peer if it passed its own bound, else (if the total
     *         passed its bound) those holding the most until what they hold brings the total back under it
     */
    List<Eviction> add(NettyPeer peer, long bytes) {
        long own = peer.addPending(bytes);
        long all = pending.addAndGet(bytes);
        if (own > perPeer) {
            return !peer.markEvicted() ? List.of() : List.of(new Eviction(peer, own, "more than " + mib(perPeer) + " of answers and notifications unread"));
        }
        if (all <= total) {
            return List.of();
        }
        List<Eviction> evicted = new ArrayList<>();
        long excess = all - total;
        // What each holds is read once: other threads write and release while this sorts, and a sort whose keys
        // change under it breaks ("Comparison method violates its general contract", which cost a daemon its life)
        List<Holding> byHolding = new ArrayList<>(peers.size());
        for (NettyPeer p : peers) {
            byHolding.add(new Holding(p, p.pendingBytes()));
        }
        byHolding.sort(Comparator.comparingLong(Holding::bytes).reversed());
        for (Holding h : byHolding) {
            if (excess <= 0 || h.bytes() <= 0) {
                break;
            }
            excess -= h.bytes();
            if (!h.peer().markEvicted()) {
                continue; // already on its way out: what it holds is released as its connection closes
            }
            evicted.add(new Eviction(h.peer(), h.bytes(), "the most unread while all clients together had more than " + mib(total) + " unread"));
        }
        return evicted;
    }

    /** {@code bytes} of the peer's were written to its socket or dropped with its connection. */
    void release(NettyPeer peer, long bytes) {
        peer.addPending(-bytes);
        pending.addAndGet(-bytes);
    }

    record Eviction(NettyPeer peer, long held, String why) {
    }

    private record Holding(NettyPeer peer, long bytes) {
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
