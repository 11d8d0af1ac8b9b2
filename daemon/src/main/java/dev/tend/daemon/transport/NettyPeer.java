package dev.tend.daemon.transport;

import dev.tend.daemon.rpc.Peer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A connection as the RPC layer sees it. What is queued for it counts against an {@link OutboundBudget}. */
final class NettyPeer implements Peer {
    private static final Logger log = LoggerFactory.getLogger(NettyPeer.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final Channel channel;
    private final String name;
    private final OutboundBudget budget;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean evicted = new AtomicBoolean();
    private final List<Runnable> closeActions = new ArrayList<>();
    private final List<Runnable> writableActions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean closed;

    NettyPeer(Channel channel, Integer pid, OutboundBudget budget) {
        this.channel = channel;
        this.name = "peer-" + IDS.incrementAndGet() + (pid != null ? " (pid " + pid + ")" : "");
        this.budget = budget;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(String line) {
        ByteBuf bytes = encode(line);
        channel.writeAndFlush(bytes, counted(bytes.readableBytes()));
    }

    @Override
    public void write(String line) {
        ByteBuf bytes = encode(line);
        channel.write(bytes, counted(bytes.readableBytes()));
    }

    /**
     * The line's UTF-8 bytes and '\n', encoded on the caller's thread into a buffer of exactly that size: what waits
     * for a slow reader then sits outside the heap, and the event loop only writes.
     */
    private ByteBuf encode(String line) {
        int size = ByteBufUtil.utf8Bytes(line) + 1;
        ByteBuf buf = channel.alloc().ioBuffer(size);
        ByteBufUtil.reserveAndWriteUtf8(buf, line, size);
        buf.writeByte('\n');
        return buf;
    }

    /** A promise that gives the bytes back to the budget once they are written, or dropped with the connection. */
    private ChannelPromise counted(long bytes) {
        ChannelPromise promise = channel.newPromise();
        promise.addListener(f -> budget.release(this, bytes));
        for (OutboundBudget.Eviction e : budget.add(this, bytes)) {
            log.warn("disconnecting {}: {} unread, {}", e.peer().name(), OutboundBudget.mib(e.held()), e.why());
            e.peer().channel.close();
        }
        return promise;
    }

    long addPending(long bytes) {
        return pending.addAndGet(bytes);
    }

    long pendingBytes() {
        return pending.get();
    }

    /** @return true the first time: the caller disconnects it */
    boolean markEvicted() {
        return evicted.compareAndSet(false, true);
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (closeActions) {
            if (!closed) {
                closeActions.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void onWritable(Runnable action) {
        writableActions.add(action);
    }

    void writabilityChanged() {
        if (channel.isWritable()) {
            writableActions.forEach(Runnable::run);
        }
    }

    void closed() {
        List<Runnable> actions;
        synchronized (closeActions) {
            closed = true;
            actions = new ArrayList<>(closeActions);
            closeActions.clear();
        }
        writableActions.clear();
        actions.forEach(Runnable::run);
    }
}
