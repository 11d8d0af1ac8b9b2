package dev.tend.daemon.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ByteProcessor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that sends no complete request within {@link #timeoutMillis} of connecting, or leaves one
 * unfinished that long: such a peer holds a connection (and keeps an idle daemon alive) for nothing. A connection
 * that waits with nothing half-sent (a `logs -f` reading its events) is never closed. Sits before the framing.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);
    /** Default 60 s; the system property is for tests, which cannot wait that long. */
    static final long TIMEOUT_MILLIS = Long.getLong("tend.peer.requestTimeoutMillis", 60_000);

    private final long timeoutMillis;
    /** Since when the peer owes us the end of a request (from connecting, or from its last unfinished line). */
    private long owingSince;
    private boolean owing = true;
    private ScheduledFuture<?> check;

    RequestDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        owingSince = System.nanoTime();
        long period = Math.max(10, timeoutMillis / 4);
        check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            int lastNewline = buf.forEachByteDesc(ByteProcessor.FIND_LF);
            if (lastNewline >= 0) {
                owing = lastNewline != buf.writerIndex() - 1;
                owingSince = System.nanoTime();
            } else if (!owing) {
                owing = true;
                owingSince = System.nanoTime();
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void check(ChannelHandlerContext ctx) {
        if (owing && System.nanoTime() - owingSince > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
            log.warn("closing connection {}: no complete request within {} ms", ctx.channel().id(), timeoutMillis);
            check.cancel(false);
            ctx.close();
        }
    }
}
