package dev.tend.client;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RpcClient against a scripted peer on a real Unix socket. */
class RpcClientTest {
    @TempDir
    Path tmp;

    private Path socket;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        socket = tmp.resolve("s.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** The server side of one connection: reads request lines, writes raw lines. */
    private static final class Peer implements AutoCloseable {
        final SocketChannel ch;
        final BufferedReader in;
        final OutputStream out;

        Peer(SocketChannel ch) {
            this.ch = ch;
            this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            this.out = Channels.newOutputStream(ch);
        }

        Map<String, Object> readRequest() throws IOException {
            String line = in.readLine();
            if (line == null) {
                throw new EOFException("client closed");
            }
            return JsonObjects.object(Json.parse(line));
        }

        void send(String... lines) throws IOException {
            for (String l : lines) {
                out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    @FunctionalInterface
    private interface Script {
        void run(Peer peer) throws Exception;
    }

    /** Accepts one connection and plays the script on it in the background. */
    private CompletableFuture<Void> serve(Script script) {
        return CompletableFuture.runAsync(() -> {
            try (Peer peer = new Peer(server.accept())) {
                script.run(peer);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static void await(CompletableFuture<Void> f) throws InterruptedException, ExecutionException, TimeoutException {
        f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void callSendsAJsonRpcRequestAndReturnsTheResult() throws Exception {
        CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> req = peer.readRequest();
            seen.complete(req);
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":{\"ok\":true}}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            assertEquals(Map.of("ok", true), c.call("daemon.hello", Map.of("client", "t")));
        }
        await(done);
        Map<String, Object> req = seen.get();
        assertEquals("2.0", req.get("jsonrpc"));
        assertEquals("daemon.hello", req.get("method"));
        assertEquals(Map.of("client", "t"), req.get("params"));
        assertTrue(req.get("id") instanceof Long, String.valueOf(req.get("id")));
    }

    @Test
    void callWithoutParamsOmitsThem() throws Exception {
        CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> req = peer.readRequest();
            seen.complete(req);
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":null}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            assertNull(c.call("daemon.status", null));
        }
        await(done);
        assertFalse(seen.get().containsKey("params"));
    }

    @Test
    void eachCallGetsAFreshIdAndResponsesForOtherIdsAreSkipped() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> first = peer.readRequest();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + first.get("id") + ",\"result\":\"first\"}");
            Map<String, Object> second = peer.readRequest();
            long id = (Long) second.get("id");
            // a stale answer to an earlier id, then the right one
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + first.get("id") + ",\"result\":\"stale\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":" + (id + 1000) + ",\"result\":\"unknown\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"second\"}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            assertEquals("first", c.call("a", null));
            assertEquals("second", c.call("b", null));
        }
        await(done);
    }

    @Test
    void notificationsBeforeTheResponseAreQueuedInOrder() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> req = peer.readRequest();
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"logs.line\",\"params\":{\"n\":1}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"logs.line\",\"params\":{\"n\":2}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":{\"subscription\":\"s1\"}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"service.state\",\"params\":{\"n\":3}}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            assertEquals(Map.of("subscription", "s1"), c.call("logs.subscribe", Map.of()));
            assertEquals(Map.of("n", 1L), c.nextNotification().get("params"));
            Map<String, Object> second = c.nextNotification();
            assertEquals("logs.line", second.get("method"));
            assertEquals(Map.of("n", 2L), second.get("params"));
            Map<String, Object> third = c.nextNotification();
            assertEquals("service.state", third.get("method"));
            assertEquals(Map.of("n", 3L), third.get("params"));
        }
        await(done);
    }

    @Test
    void nextNotificationSkipsNonObjectLines() throws Exception {
        CompletableFuture<Void> done = serve(peer -> peer.send("[1,2]", "\"x\"",
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}"));
        try (RpcClient c = RpcClient.connect(socket)) {
            assertEquals("m", c.nextNotification().get("method"));
        }
        await(done);
    }

    @Test
    void errorResponseBecomesRpcErrorWithCodeMessageAndData() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> req = peer.readRequest();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"error\":{\"code\":-32003,"
                    + "\"message\":\"Invalid configuration\",\"data\":{\"file\":\"tend.yaml\",\"line\":3,\"reason\":\"bad\"}}}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            RpcError e = assertThrows(RpcError.class, () -> c.call("project.up", Map.of()));
            assertEquals(-32003, e.code());
            assertEquals(dev.tend.protocol.ErrorCode.INVALID_CONFIG, e.errorCode());
            assertEquals("Invalid configuration", e.getMessage());
            assertEquals(Map.of("file", "tend.yaml", "line", 3L, "reason", "bad"), e.data());
        }
        await(done);
    }

    @Test
    void errorWithNullIdIsReportedToTheWaitingCall() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            peer.readRequest();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            RpcError e = assertThrows(RpcError.class, () -> c.call("x", null));
            assertEquals(-32700, e.code());
            assertNull(e.data());
        }
        await(done);
    }

    @Test
    void unknownErrorCodeKeepsTheCodeWithoutAnErrorCode() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> req = peer.readRequest();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"error\":{\"code\":7}}");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            RpcError e = assertThrows(RpcError.class, () -> c.call("x", null));
            assertEquals(7, e.code());
            assertNull(e.errorCode());
            assertEquals("error", e.getMessage());
        }
        await(done);
    }

    @Test
    void serverClosingBeforeAnsweringIsEof() throws Exception {
        CompletableFuture<Void> done = serve(Peer::readRequest);
        try (RpcClient c = RpcClient.connect(socket)) {
            assertThrows(EOFException.class, () -> c.call("x", null));
        }
        await(done);
    }

    @Test
    void serverClosingWhileWaitingForNotificationsIsEof() throws Exception {
        CompletableFuture<Void> done = serve(peer -> peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}"));
        try (RpcClient c = RpcClient.connect(socket)) {
            assertEquals("m", c.nextNotification().get("method"));
            assertThrows(EOFException.class, c::nextNotification);
        }
        await(done);
    }

    @Test
    void partialLineBeforeCloseIsEofNotAMessage() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            peer.out.write("{\"jsonrpc\":\"2.0\",\"method\":\"m\"".getBytes(StandardCharsets.UTF_8));
            peer.out.flush();
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            assertThrows(EOFException.class, c::nextNotification);
        }
        await(done);
    }

    @Test
    void malformedJsonFromThePeerIsAnIOExceptionNamingIt() throws Exception {
        CompletableFuture<Void> done = serve(peer -> {
            peer.readRequest();
            peer.send("{not json");
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            IOException e = assertThrows(IOException.class, () -> c.call("x", null));
            assertTrue(e.getMessage().startsWith("daemon sent malformed JSON"), e.getMessage());
        }
        await(done);
    }

    @Test
    void notifySendsANotificationWithoutAnId() throws Exception {
        CompletableFuture<Map<String, Object>> seen = new CompletableFuture<>();
        CompletableFuture<Void> done = serve(peer -> seen.complete(peer.readRequest()));
        try (RpcClient c = RpcClient.connect(socket)) {
            c.notify("logs.unsubscribe", Map.of("subscription", "s1"));
            Map<String, Object> n = seen.get(30, TimeUnit.SECONDS);
            assertEquals("logs.unsubscribe", n.get("method"));
            assertEquals(Map.of("subscription", "s1"), n.get("params"));
            assertFalse(n.containsKey("id"));
        }
        await(done);
    }

    @Test
    void resultSplitAcrossManyWritesIsReassembled() throws Exception {
        String big = "x".repeat(200_000);
        CompletableFuture<Void> done = serve(peer -> {
            Map<String, Object> req = peer.readRequest();
            String line = "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":[\"" + big + "\",\"é\"]}\n";
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 7000) {
                peer.out.write(bytes, i, Math.min(7000, bytes.length - i));
                peer.out.flush();
            }
        });
        try (RpcClient c = RpcClient.connect(socket)) {
            assertEquals(List.of(big, "é"), c.call("x", null));
        }
        await(done);
    }

    @Test
    void connectingToAMissingSocketIsASocketException() throws IOException {
        server.close();
        java.nio.file.Files.deleteIfExists(socket);
        // DaemonConnector reads NoSuchFileException and SocketException as "no daemon listening"
        assertThrows(SocketException.class, () -> RpcClient.connect(socket));
    }

    @Test
    void connectingToAStaleSocketFileIsASocketException() throws IOException {
        server.close(); // the file stays behind, as after a crash
        assertTrue(java.nio.file.Files.exists(socket));
        assertThrows(SocketException.class, () -> RpcClient.connect(socket));
    }
}
