package dev.tend.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Unix socket in front of a daemon's socket that passes every byte both ways and keeps each line a peer sent:
 * peers pointed at it (TEND_HOME whose run/default.sock it is) talk to the real daemon, and the test learns every
 * request they built. Every line the daemon answers is held to its served schema (ServedSchema): see {@link #problems}.
 */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path daemonSocket;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final ServedSchema schema;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    /** Listens at {@code socket}, forwarding to {@code daemonSocket}. */
    RecordingProxy(Path socket, Path daemonSocket) throws IOException {
        this.daemonSocket = daemonSocket;
        this.schema = ServedSchema.of(daemonSocket);
        Files.createDirectories(socket.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        daemon("tend-proxy-accept", this::accept).start();
    }

    /** Every line a peer sent so far, in the order they arrived. */
    List<String> sentLines() {
        return List.copyOf(sent);
    }

    /** What the daemon sent so far that its rpc.discover does not describe; empty when everything fit. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel peer = server.accept();
                SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
                upstream.connect(UnixDomainSocketAddress.of(daemonSocket));
                open.add(peer);
                open.add(upstream);
                ServedSchema.Conversation conversation = schema.conversation();
                daemon("tend-proxy-up", () -> pump(peer, upstream, line -> {
                    sent.add(line);
                    conversation.sent(line);
                })).start();
                daemon("tend-proxy-down", () -> pump(upstream, peer, line -> {
                    try {
                        problems.addAll(conversation.problems(line));
                    } catch (RuntimeException e) { // the check's own failure must not cut the peer off
                        problems.add("checking " + line + " failed: " + e);
                    }
                })).start();
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private void pump(SocketChannel from, SocketChannel to, Consumer<String> lines) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                for (int i = buf.position(); i < buf.limit(); i++) {
                    byte b = buf.get(i);
                    if (b == '\n') {
                        lines.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
        } catch (IOException gone) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(RecordingProxy::closeQuietly);
    }
}
