package dev.tend.daemon.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;

import java.util.function.Supplier;

/**
 * Assembles a peer's pipeline: flush consolidation, newline framing (1 MiB limit), line encoding, the peer handler.
 * Answers are written by the RPC workers one by one; consolidating their flushes lets the answers to a pipelined
 * burst of requests (and a burst of notifications) leave in a few writes rather than one system call each.
 */
final class PeerChannelInitializer extends ChannelInitializer<Channel> {
    static final int MAX_FRAME_BYTES = 1 << 20;

    private final LineEncoder encoder = new LineEncoder();
    /** A new connection's own handler, last in its pipeline. */
    private final Supplier<PeerHandler> peers;

    PeerChannelInitializer(Supplier<PeerHandler> peers) {
        this.peers = peers;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("deadline", new RequestDeadline(RequestDeadline.TIMEOUT_MILLIS))
                .addLast("flushes", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true))
                .addLast("framing", new LineBasedFrameDecoder(MAX_FRAME_BYTES, true, true))
                .addLast("encoder", encoder)
                .addLast("peer", peers.get());
    }
}
