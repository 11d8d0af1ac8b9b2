package dev.tend.daemon.transport;

import dev.tend.daemon.rpc.FrameHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;

import java.util.function.LongSupplier;

/** Assembles a peer's pipeline: newline framing (1 MiB limit), line encoding, the peer handler. */
final class PeerChannelInitializer extends ChannelInitializer<Channel> {
    static final int MAX_FRAME_BYTES = 1 << 20;

    private final LineEncoder encoder = new LineEncoder();
    private final FrameHandler frames;
    private final ChannelGroup connections;
    private final LongSupplier ownUid;

    PeerChannelInitializer(FrameHandler frames, ChannelGroup connections, LongSupplier ownUid) {
        this.frames = frames;
        this.connections = connections;
        this.ownUid = ownUid;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("framing", new LineBasedFrameDecoder(MAX_FRAME_BYTES, true, true))
                .addLast("encoder", encoder)
                .addLast("peer", new PeerHandler(frames, connections, ownUid.getAsLong()));
    }
}
