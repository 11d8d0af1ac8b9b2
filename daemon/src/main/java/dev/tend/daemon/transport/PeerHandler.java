package dev.tend.daemon.transport;

import dev.tend.daemon.rpc.FrameHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** One per connection: checks the peer's uid, decodes frames strictly as UTF-8 and hands them up. */
final class PeerHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);

    private final FrameHandler frames;
    private final ChannelGroup connections;
    private final long ownUid;
    private NettyPeer peer;

    PeerHandler(FrameHandler frames, ChannelGroup connections, long ownUid) {
        this.frames = frames;
        this.connections = connections;
        this.ownUid = ownUid;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        Integer peerUid = peerUid(ch);
        Integer peerPid = peerPid(ch);
        if (!PeerCheck.allowed(peerUid, ownUid)) {
            log.warn("refused a connection from uid {} (pid {}): only uid {} may use this daemon", peerUid, peerPid, ownUid);
            ch.close();
            return;
        }
        peer = new NettyPeer(ch, peerPid);
        connections.add(ch);
        ch.closeFuture().addListener(f -> peer.closed());
        log.debug("{} connected", peer.name());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (peer == null) {
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(frame.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            frames.onUnreadableFrame(peer, "the request is not valid UTF-8");
            return;
        }
        if (text.isBlank()) {
            return; // a blank line between requests (e.g. typed into socat) is not a request
        }
        frames.onFrame(peer, text);
    }

    /**
     * A peer that does not read what we send stops being read from: its requests cannot pile up answers in our
     * outbound buffer, and its subscriptions wait (then lag) in their bounded queues.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (peer != null) {
            peer.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            if (peer != null) {
                frames.onUnreadableFrame(peer, "the request is larger than " + PeerChannelInitializer.MAX_FRAME_BYTES + " bytes");
            }
            return; // the decoder skips to the next newline; the connection stays usable
        }
        if (!(cause instanceof IOException)) {
            log.warn("closing {} after an unexpected error", peer != null ? peer.name() : ctx.channel(), cause);
        }
        ctx.close();
    }

    private static Integer peerUid(Channel ch) {
        PeerCredentials c = credentials(ch);
        return c == null ? null : c.uid();
    }

    private static Integer peerPid(Channel ch) {
        PeerCredentials c = credentials(ch);
        return c == null ? null : c.pid();
    }

    private static PeerCredentials credentials(Channel ch) {
        try {
            if (ch instanceof EpollDomainSocketChannel e) {
                return e.peerCredentials();
            }
            if (ch instanceof KQueueDomainSocketChannel k) {
                return k.peerCredentials();
            }
        } catch (IOException e) {
            log.debug("cannot read peer credentials", e);
        }
        return null;
    }

}
