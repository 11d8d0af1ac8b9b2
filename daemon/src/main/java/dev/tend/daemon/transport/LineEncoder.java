package dev.tend.daemon.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a String as its UTF-8 bytes plus '\n'. Stateless, so one instance serves every channel. */
@ChannelHandler.Sharable
final class LineEncoder extends MessageToByteEncoder<String> {
    LineEncoder() {
        super(String.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, String msg, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, msg);
        out.writeByte('\n');
    }
}
