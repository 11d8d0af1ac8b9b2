import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The demo's web service: GET /health answers "ok", GET / counts its visitors. */
public class Web {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "18787"));
        AtomicLong hits = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", ex -> reply(ex, "ok\n"));
        server.createContext("/", ex -> {
            long n = hits.incrementAndGet();
            System.out.println(Instant.now() + " GET " + ex.getRequestURI() + " (visit " + n + ")");
            reply(ex, "hello from web, visit " + n + "\n");
        });
        server.start();
        System.out.println("web listening on http://127.0.0.1:" + port + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("web stopping")));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
