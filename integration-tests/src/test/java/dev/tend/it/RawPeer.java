package dev.tend.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A raw socket peer for conformance and hostile-input tests: writes bytes, reads lines, with deadlines. Every line it
 * reads is held to the daemon's served schema (ServedSchema): a line that does not fit fails the test that read it.
 */
final class RawPeer implements AutoCloseable {
    private final SocketChannel channel;
    private final ServedSchema.Conversation conversation;
    private final Selector selector;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean eof;

    RawPeer(Path socket) throws IOException {
        this(socket, ServedSchema.of(socket).conversation());
    }

    /** @param conversation where sent and read lines are checked, or null for none (fetching the schema itself) */
    RawPeer(Path socket, ServedSchema.Conversation conversation) throws IOException {
        this.conversation = conversation;
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        if (conversation != null) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                conversation.sent(line);
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try (Selector ws = Selector.open()) {
            channel.register(ws, SelectionKey.OP_WRITE);
            while (b.hasRemaining()) {
                if (channel.write(b) == 0) {
                    ws.select(1000);
                }
            }
        }
    }

    /** The next line, or null if nothing came within the wait (or the peer closed). */
    String readLine(long waitMillis) throws IOException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            byte[] have = pending.toByteArray();
            for (int i = 0; i < have.length; i++) {
                if (have[i] == '\n') {
                    String line = new String(have, 0, i, StandardCharsets.UTF_8);
                    pending.reset();
                    pending.write(have, i + 1, have.length - i - 1);
                    if (conversation != null) {
                        List<String> problems = conversation.problems(line);
                        if (!problems.isEmpty()) {
                            throw new AssertionError("the daemon sent what its rpc.discover does not describe:\n"
                                    + String.join("\n", problems));
                        }
                    }
                    return line;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (eof || left <= 0) {
                return null;
            }
            selector.select(left);
            selector.selectedKeys().clear();
            buf.clear();
            int n;
            try {
                n = channel.read(buf);
            } catch (IOException reset) {
                eof = true;
                continue;
            }
            if (n < 0) {
                eof = true;
            } else {
                pending.write(buf.array(), 0, n);
            }
        }
    }

    /** Sends one line and returns the one-line answer (failing if none comes within 10 s). */
    String exchange(String line) throws IOException {
        send(line + "\n");
        String answer = readLine(10_000);
        if (answer == null) {
            throw new AssertionError("no answer to " + line);
        }
        return answer;
    }

    /** Shuts down our side, as `echo … | socat` does at its input's end: the daemon sees no more requests. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    boolean closedByPeer() {
        return eof;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
