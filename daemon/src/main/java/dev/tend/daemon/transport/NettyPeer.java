package dev.tend.daemon.transport;

import dev.tend.daemon.rpc.Peer;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A connection as the RPC layer sees it. */
final class NettyPeer implements Peer {
    private static final AtomicLong IDS = new AtomicLong();

    private final Channel channel;
    private final String name;
    private final List<Runnable> closeActions = new ArrayList<>();
    private final List<Runnable> writableActions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean closed;

    NettyPeer(Channel channel, Integer pid) {
        this.channel = channel;
        this.name = "peer-" + IDS.incrementAndGet() + (pid != null ? " (pid " + pid + ")" : "");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(String line) {
        channel.writeAndFlush(line, channel.voidPromise());
    }

    @Override
    public void write(String line) {
        channel.write(line, channel.voidPromise());
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
