package dev.tend.daemon.core.probe;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.ResponseCache;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The http probe against a real server on 127.0.0.1: which answers count as ready and what a failure says. */
class HttpProbeTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (int code : new int[] {200, 302, 399, 400, 500}) {
            server.createContext("/" + code, x -> {
                if (code == 302) {
                    x.getResponseHeaders().add("Location", "/500");
                }
                x.sendResponseHeaders(code, -1);
                x.close();
            });
        }
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static HttpProbe probe(String url) {
        return new HttpProbe(url, Duration.ofSeconds(5));
    }

    @Test
    void aRedirectCountsAsReadyWithoutFollowingItToAFailingPage() {
        HttpProbe p = probe(url("/302"));
        assertTrue(p.check(), "302 to a page that answers 500: ready, the redirect is not followed");
        assertEquals("HTTP 302", p.lastProblem());
    }

    @Test
    void theLast3xxCodePassesAndTheFirst4xxCodeFails() {
        HttpProbe last3xx = probe(url("/399"));
        assertTrue(last3xx.check());
        assertEquals("HTTP 399", last3xx.lastProblem());

        HttpProbe first4xx = probe(url("/400"));
        assertFalse(first4xx.check());
        assertEquals("HTTP 400", first4xx.lastProblem(), "the status, not the exception of reading an error body");
    }

    @Test
    void aServerErrorFailsAndSaysItsStatus() {
        HttpProbe p = probe(url("/500"));
        assertFalse(p.check());
        assertEquals("HTTP 500", p.lastProblem());
    }

    @Test
    void aSuccessSaysItsStatus() {
        HttpProbe p = probe(url("/200"));
        assertTrue(p.check());
        assertEquals("HTTP 200", p.lastProblem());
    }

    @Test
    void nothingListeningFailsAndSaysWhy() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpProbe p = probe("http://127.0.0.1:" + port + "/");
        assertFalse(p.check());
        assertNotNull(p.lastProblem());
        assertTrue(p.lastProblem().contains("refused"), p.lastProblem());
    }

    @Test
    void aServerThatAcceptsButNeverAnswersFailsWithinTheAttemptTimeout() throws IOException {
        // A listening socket nobody accepts from: the kernel completes the connection, no one ever answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HttpProbe p = new HttpProbe("http://127.0.0.1:" + silent.getLocalPort() + "/", Duration.ofMillis(200));
            assertFalse(assertTimeoutPreemptively(GENEROUS, p::check), "no answer is a failed attempt, not a hang");
            assertNotNull(p.lastProblem());
        }
    }

    @Test
    void aServerThatCannotTakeTheConnectionFailsWithinTheAttemptTimeout() throws IOException {
        // Backlog 1, never accepted, filled by two connections: Linux drops further SYNs, so a connect hangs
        // (retrying for minutes) unless the probe bounds it.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket a = new Socket();
             Socket b = new Socket()) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            a.connect(address, 5000);
            b.connect(address, 5000);
            HttpProbe p = new HttpProbe("http://127.0.0.1:" + full.getLocalPort() + "/", Duration.ofMillis(200));
            assertFalse(assertTimeoutPreemptively(GENEROUS, p::check), "an unanswered connect is a failed attempt");
        }
    }

    @Test
    void theServiceIsAskedEvenWhenTheJvmHasAResponseCache() throws IOException {
        // A response cache installed anywhere in the daemon holds a stale 200; the probe must still ask the service.
        ResponseCache previous = ResponseCache.getDefault();
        ResponseCache.setDefault(new ResponseCache() {
            @Override
            public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
                return new CacheResponse() {
                    @Override
                    public Map<String, List<String>> getHeaders() {
                        Map<String, List<String>> h = new HashMap<>();
                        h.put(null, List.of("HTTP/1.1 200 OK"));
                        h.put("Content-Length", List.of("0"));
                        return h;
                    }

                    @Override
                    public InputStream getBody() {
                        return new ByteArrayInputStream(new byte[0]);
                    }
                };
            }

            @Override
            public CacheRequest put(URI uri, URLConnection connection) {
                return null;
            }
        });
        try {
            HttpProbe p = probe(url("/500"));
            assertFalse(p.check());
            assertEquals("HTTP 500", p.lastProblem());
        } finally {
            ResponseCache.setDefault(previous);
        }
    }

    @Test
    void onlyHttpAndHttpsUrlsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpProbe("ftp://127.0.0.1/health", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("not an http:// or https:// URL"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HttpProbe("127.0.0.1:8080/health", Duration.ofSeconds(1)));
        new HttpProbe("https://127.0.0.1/health", Duration.ofSeconds(1));
        new HttpProbe("HTTP://127.0.0.1/health", Duration.ofSeconds(1));
    }

    @Test
    void aMalformedUrlIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpProbe("http://127.0.0.1:80/a b", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("http probe: bad URL 'http://127.0.0.1:80/a b'"), e.getMessage());
    }

    @Test
    void describesItselfByItsUrl() {
        assertEquals("http " + url("/200"), probe(url("/200")).describe());
    }
}
