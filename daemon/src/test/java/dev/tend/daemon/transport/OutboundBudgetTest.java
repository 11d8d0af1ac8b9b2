package dev.tend.daemon.transport;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundBudgetTest {
    private final OutboundBudget budget = new OutboundBudget(100, 250);

    private NettyPeer peer() {
        NettyPeer p = new NettyPeer(new EmbeddedChannel(), null, budget);
        budget.register(p);
        return p;
    }

    @Test
    void aPeerPastItsOwnBoundIsEvictedOnce() {
        NettyPeer a = peer();
        assertTrue(budget.add(a, 100).isEmpty());
        List<OutboundBudget.Eviction> evicted = budget.add(a, 1);
        assertEquals(1, evicted.size());
        assertEquals(a, evicted.get(0).peer());
        assertEquals(101, evicted.get(0).held());
        assertTrue(budget.add(a, 1).isEmpty(), "already on its way out");
    }

    @Test
    void pastTheTotalThePeersHoldingMostAreEvictedUntilTheRestFits() {
        NettyPeer small = peer();
        NettyPeer big = peer();
        NettyPeer middle = peer();
        assertTrue(budget.add(small, 30).isEmpty());
        assertTrue(budget.add(big, 100).isEmpty());
        assertTrue(budget.add(middle, 90).isEmpty());
        List<OutboundBudget.Eviction> evicted = budget.add(small, 60); // 280 in all: 30 too many
        assertEquals(List.of(big), evicted.stream().map(OutboundBudget.Eviction::peer).toList());
    }

    @Test
    void whatIsWrittenOrDroppedIsGivenBack() {
        NettyPeer a = peer();
        budget.add(a, 80);
        budget.release(a, 80);
        assertEquals(0, budget.pending());
        assertEquals(0, a.pendingBytes());
    }
}
