package dev.tend.daemon.transport;

import dev.tend.daemon.rpc.FrameHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's Unix-socket server: native epoll (Linux) or kqueue (macOS), else the JDK's NIO domain
 * sockets. Binding unlinks whatever is at the path, so the caller must hold the pid lock first.
 */
public final class UnixSocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);

    /** A peer's outbound buffer above this is "not writable": its subscriptions hold events in their own bounded queues. */
    static final int HIGH_WATER_MARK = 512 * 1024;
    static final int LOW_WATER_MARK = 128 * 1024;

    private final Path socket;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> channelType;
    private final boolean peerCredentialsAvailable;
    private final ChannelGroup connections = new DefaultChannelGroup("tend-peers", GlobalEventExecutor.INSTANCE);
    private final OutboundBudget budget = new OutboundBudget(OutboundBudget.PER_PEER_BYTES, OutboundBudget.TOTAL_BYTES);
    private final FrameHandler frames;
    private final long ownUid;
    private Channel serverChannel;
    /** The (device, inode) of the socket file as bound: tells a deleted or replaced file from ours. */
    private Object boundKey;

    public UnixSocketServer(Path socket, FrameHandler frames, long ownUid) {
        this.socket = socket;
        this.frames = frames;
        this.ownUid = ownUid;
        IoHandlerFactory io;
        if (Epoll.isAvailable()) {
            io = EpollIoHandler.newFactory();
            channelType = EpollServerDomainSocketChannel.class;
            peerCredentialsAvailable = true;
        } else if (KQueue.isAvailable()) {
            io = KQueueIoHandler.newFactory();
            channelType = KQueueServerDomainSocketChannel.class;
            peerCredentialsAvailable = true;
        } else {
            io = NioIoHandler.newFactory();
            channelType = NioServerDomainSocketChannel.class;
            peerCredentialsAvailable = false;
        }
        group = new MultiThreadIoEventLoopGroup(2, new NamedThreadFactory("tend-io"), io);
    }

    /**
     * Loads the native transport (Netty unpacks and links a shared library) and the default allocator, so that
     * a daemon can do it on a second core while it opens its store. Safe to call any time, more than once.
     */
    public static void preload() {
        if (!Epoll.isAvailable()) {
            KQueue.isAvailable();
        }
        ByteBufAllocator.DEFAULT.buffer(64).release();
        new ServerBootstrap();
    }

    /** "epoll", "kqueue" or "nio". */
    public String transportName() {
        return channelType == EpollServerDomainSocketChannel.class ? "epoll"
                : channelType == KQueueServerDomainSocketChannel.class ? "kqueue" : "nio";
    }

    public void start() throws IOException {
        if (!peerCredentialsAvailable) {
            log.warn("native transport unavailable: using NIO domain sockets; peers are not uid-checked, "
                    + "only the 0700 runtime directory keeps other users out");
        }
        bind();
    }

    /** Whether the path still leads to the socket this server listens on (not deleted, not replaced). */
    public synchronized boolean pathIntact() {
        return boundKey != null && boundKey.equals(fileKey(socket));
    }

    /**
     * Listens again at the path, after its file was deleted or replaced: connections made before go on. Only the
     * holder of the pid lock may call it (it unlinks whatever is at the path).
     */
    public synchronized void rebind() throws IOException {
        if (serverChannel != null) {
            // Netty unlinks the path as it closes a domain socket: done before the new bind, never after.
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            serverChannel = null;
        }
        Files.deleteIfExists(socket);
        bind();
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized void bind() throws IOException {
        SocketAddress address = channelType == NioServerDomainSocketChannel.class
                ? UnixDomainSocketAddress.of(socket) : new DomainSocketAddress(socket.toFile());
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                // a peer that shuts down its side after its requests (`echo … | socat`) still gets their answers
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new PeerChannelInitializer(() -> new PeerHandler(frames, connections, ownUid, budget)));
        try {
            serverChannel = b.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + socket);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        boundKey = fileKey(socket);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Stops accepting; existing connections stay open until {@link #close()}. */
    public synchronized void stopAccepting() {
        boundKey = null;
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    /** Flushes what is queued to peers, closes every connection and the event loops. */
    @Override
    public void close() {
        stopAccepting();
        // What is queued (e.g. daemon.stopping) goes out first; a peer that does not read gets a short grace only.
        connections.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(1, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
