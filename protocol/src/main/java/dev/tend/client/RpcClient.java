package dev.tend.client;

import dev.tend.protocol.Version;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonException;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;

/**
 * A blocking JSON-RPC 2.0 peer on a plain JDK Unix socket: one JSON value per line. Requests are matched
 * to responses by id; notifications that arrive meanwhile are queued for {@link #nextNotification()}.
 * Not thread-safe: one thread per client.
 */
public final class RpcClient implements Closeable {
    private static final int MAX_LINE = 1 << 20;

    private final SocketChannel channel;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final Queue<Map<String, Object>> notifications = new ArrayDeque<>();
    private long nextId = 1;
    private AnswerWatchdog watchdog;

    private RpcClient(SocketChannel channel) {
        this.channel = channel;
        readBuffer.flip();
    }

    /**
     * Bounds the wait for each answer to {@link #call}: past {@code timeout} the liveness decides whether to wait on
     * (the daemon answers others) or to fail the call with a {@link DaemonNotAnsweringException}. Notifications
     * ({@link #nextNotification()}) are awaited for ever, as followers want.
     */
    public RpcClient answerTimeout(java.time.Duration timeout, AnswerWatchdog.Liveness liveness) {
        this.watchdog = new AnswerWatchdog(timeout, liveness, channel);
        return this;
    }

    /**
     * Starts on a daemon thread what the first connection needs and a fresh JVM takes long to set up: the JDK's
     * Unix-domain socket support, whose first use seeds a SecureRandom (security providers, ~15 ms of CPU), and
     * this build's version for the hello (read from the jar). A CLI that parses its arguments meanwhile connects
     * without waiting for them. Opens and closes an unconnected socket, nothing else.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(() -> {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
            } catch (IOException | UnsupportedOperationException ignored) {
                // connect() meets the same problem and reports it
            }
            Version.current();
        }, "tend-connect-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** Connects; throws (NoSuchFile/Connect)Exception-like IOExceptions when nothing listens. */
    public static RpcClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new RpcClient(ch);
    }

    /** Calls a method and waits for its result; an error response becomes an {@link RpcError}. */
    public Object call(String method, Map<String, ?> params) throws IOException, RpcError {
        long id = nextId++;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        if (params != null) {
            request.put("params", params);
        }
        if (watchdog == null) {
            return awaitAnswer(request, id);
        }
        watchdog.arm();
        try {
            return awaitAnswer(request, id);
        } catch (IOException e) {
            String why = watchdog.verdict();
            if (why != null) {
                throw new DaemonNotAnsweringException(why);
            }
            throw e;
        } finally {
            watchdog.disarm();
        }
    }

    private Object awaitAnswer(Map<String, Object> request, long id) throws IOException, RpcError {
        send(request);
        while (true) {
            Map<String, Object> msg = readMessage();
            if (msg.containsKey("method")) {
                notifications.add(msg);
                continue;
            }
            Object rid = msg.get("id");
            if (!(rid instanceof Number n) || n.longValue() != id) {
                if (rid == null && msg.containsKey("error")) {
                    throw toError(msg.get("error"));
                }
                continue; // a response to some earlier abandoned call
            }
            if (msg.containsKey("error")) {
                throw toError(msg.get("error"));
            }
            return msg.get("result");
        }
    }

    /** Sends a notification (no reply). */
    public void notify(String method, Map<String, ?> params) throws IOException {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("jsonrpc", "2.0");
        n.put("method", method);
        if (params != null) {
            n.put("params", params);
        }
        send(n);
    }

    /** The next notification from the daemon (method + params); blocks; EOFException when the daemon closes. */
    public Map<String, Object> nextNotification() throws IOException {
        Map<String, Object> queued = notifications.poll();
        if (queued != null) {
            return queued;
        }
        while (true) {
            Map<String, Object> msg = readMessage();
            if (msg.containsKey("method")) {
                return msg;
            }
        }
    }

    private void send(Map<String, Object> message) throws IOException {
        byte[] bytes = (Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readMessage() throws IOException {
        while (true) {
            String text = readLine();
            try {
                Object v = Json.parse(text);
                if (v instanceof Map<?, ?> m) {
                    return (Map<String, Object>) m;
                }
            } catch (JsonException e) {
                throw new IOException("daemon sent malformed JSON: " + e.getMessage());
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            // whole runs of bytes up to the newline, not a (synchronized) write per byte: log pages are ~0.5 MiB
            byte[] bytes = readBuffer.array();
            int from = readBuffer.position();
            int end = readBuffer.limit();
            int i = from;
            while (i < end && bytes[i] != '\n') {
                i++;
            }
            line.write(bytes, from, i - from);
            if (i < end) {
                readBuffer.position(i + 1);
                return line.toString(StandardCharsets.UTF_8);
            }
            readBuffer.position(end);
            if (line.size() > MAX_LINE * 16) {
                // The daemon keeps every message under the 1 MiB frame (log pages are byte-bounded): reaching this
                // is a bug in tend, not anything the user did, so say so rather than guess at a cause.
                throw new IOException("the daemon sent a message over " + (MAX_LINE * 16 >> 20)
                        + " MiB, which the protocol never allows (a bug in tend: please report it)");
            }
            readBuffer.clear();
            int n = channel.read(readBuffer);
            readBuffer.flip();
            if (n < 0) {
                throw new EOFException("the daemon closed the connection");
            }
        }
    }

    private static RpcError toError(Object error) {
        if (error instanceof Map<?, ?> e) {
            Object code = e.get("code");
            return new RpcError(code instanceof Number n ? n.intValue() : 0,
                    Objects.toString(e.get("message"), "error"), e.get("data"));
        }
        return new RpcError(0, "malformed error response", error);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
