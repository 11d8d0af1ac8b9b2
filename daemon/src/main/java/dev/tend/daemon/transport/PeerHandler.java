package dev.tend.daemon.transport;

import dev.tend.daemon.rpc.FrameHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tend.daemon.rpc.JsonRpcEndpoint;
import dev.tend.protocol.ErrorCode;
import io.netty.channel.ChannelFutureListener;

import java.io.IOException;
import java.util.ArrayDeque;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** One per connection: checks the peer's uid, decodes frames strictly as UTF-8 and hands them up. */
final class PeerHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);

    /** Requests of one connection being served at once; past it the connection is not read until one is answered. */
    static final int MAX_IN_FLIGHT = 16;
    /** Connections open at once; one more is answered with an error and closed. */
    static final int MAX_CONNECTIONS = 1024;

    private final FrameHandler frames;
    private final ChannelGroup connections;
    private final long ownUid;
    private final OutboundBudget budget;
    private NettyPeer peer;
    /** Event-loop state: requests handed up and not yet answered, and frames read meanwhile past the limit. */
    private int inFlight;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    /** Event-loop state: the peer sends no more; it is closed once answered. */
    private boolean inputShut;

    PeerHandler(FrameHandler frames, ChannelGroup connections, long ownUid, OutboundBudget budget) {
        this.frames = frames;
        this.connections = connections;
        this.ownUid = ownUid;
        this.budget = budget;
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
        if (connections.size() >= MAX_CONNECTIONS) {
            log.warn("refused a connection (pid {}): {} connections are open, the most the daemon serves", peerPid, MAX_CONNECTIONS);
            ch.writeAndFlush(JsonRpcEndpoint.errorResponse(ErrorCode.INVALID_REQUEST, "the daemon serves at most "
                    + MAX_CONNECTIONS + " connections at once; close some")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        peer = new NettyPeer(ch, peerPid, budget);
        connections.add(ch);
        budget.register(peer);
        NettyPeer closing = peer;
        ch.closeFuture().addListener(f -> {
            budget.unregister(closing);
            closing.closed();
        });
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
        if (inFlight >= MAX_IN_FLIGHT) {
            waiting.add(text); // at most what one read brought: reading stops below
            updateAutoRead(ctx);
            return;
        }
        handUp(ctx, text);
    }

    private void handUp(ChannelHandlerContext ctx, String text) {
        inFlight++;
        frames.onFrame(peer, text, () -> ctx.executor().execute(() -> answered(ctx)));
    }

    private void answered(ChannelHandlerContext ctx) {
        inFlight--;
        while (inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            handUp(ctx, waiting.poll());
        }
        updateAutoRead(ctx);
        closeIfDone(ctx);
    }

    /**
     * The peer shut down its side (half-closed, as `echo … | socat` does at its input's end, or closed whole: a read
     * cannot tell them apart). What it asked is still answered; then the connection closes. Subscriptions end with
     * it: a follower keeps its side open (the CLI and the TUI do), and a follower killed closes it.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            closeIfDone(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void closeIfDone(ChannelHandlerContext ctx) {
        if (inputShut && inFlight == 0 && waiting.isEmpty() && ctx.channel().isOpen()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Read on only while the peer reads what we send and has room for more requests in flight. */
    private void updateAutoRead(ChannelHandlerContext ctx) {
        if (inputShut) {
            return; // nothing more to read: asking epoll for it again fails, on a descriptor it no longer polls
        }
        ctx.channel().config().setAutoRead(ctx.channel().isWritable() && inFlight < MAX_IN_FLIGHT && waiting.isEmpty());
    }

    /**
     * A peer that does not read what we send stops being read from: its requests cannot pile up answers in our
     * outbound buffer, and its subscriptions wait (then lag) in their bounded queues.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead(ctx);
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
