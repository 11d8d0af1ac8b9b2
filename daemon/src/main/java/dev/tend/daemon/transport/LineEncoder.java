package dev.tend.daemon.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a String as its UTF-8 bytes plus '\n', into a buffer of exactly that size: writeUtf8 alone reserves three
 * bytes a character, so an unread 600 KiB log page held 2 MiB of direct memory. Stateless: one instance serves
 * every channel.
 */
@ChannelHandler.Sharable
final class LineEncoder extends MessageToByteEncoder<String> {
    LineEncoder() {
        super(String.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, String msg, boolean preferDirect) {
        return ctx.alloc().ioBuffer(ByteBufUtil.utf8Bytes(msg) + 1);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, String msg, ByteBuf out) {
        ByteBufUtil.reserveAndWriteUtf8(out, msg, out.writableBytes());
        out.writeByte('\n');
    }
}
