package dev.tend.daemon.core.probe;

import com.sun.net.httpserver.HttpServer;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogStream;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbesTest {

    @TempDir
    Path dir;

    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        worker.shutdownNow();
        scheduler.shutdownNow();
    }

    private ProbeContext ctx(int port) {
        return ctx(port, Duration.ofSeconds(1));
    }

    private ProbeContext ctx(int port, Duration attemptTimeout) {
        return new ProbeContext(port, dir, Map.of("PATH", System.getenv("PATH")), attemptTimeout,
                new PosixProcessLauncher(), new PosixProcessControl(), worker);
    }

    private static ProbeSpec spec(ProbeSpec.Kind kind, String target) {
        return new ProbeSpec(kind, target, null, null);
    }

    @Test
    void tcpProbePassesOnlyWhileSomethingListens() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0)) {
            port = server.getLocalPort();
            assertTrue(Probes.create(spec(ProbeSpec.Kind.TCP, Integer.toString(port)), ctx(0)).check());
            assertTrue(Probes.create(spec(ProbeSpec.Kind.TCP, "127.0.0.1:" + port), ctx(0)).check());
            assertTrue(Probes.create(spec(ProbeSpec.Kind.TCP, ""), ctx(port)).check(), "no target: the service's port");
        }
        assertFalse(Probes.create(spec(ProbeSpec.Kind.TCP, Integer.toString(port)), ctx(0)).check());
    }

    @Test
    void tcpProbeWithoutAnyPortIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Probes.create(spec(ProbeSpec.Kind.TCP, ""), ctx(0)));
        assertTrue(e.getMessage().contains("the service has no port"), e.getMessage());
    }

    @Test
    void httpProbeAcceptsSuccessAndRedirectButNotServerError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/ok");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/broken", x -> {
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertTrue(Probes.create(spec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:$PORT/ok"), ctx(port)).check());
            assertTrue(Probes.create(spec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:" + port + "/moved"), ctx(0)).check());
            assertFalse(Probes.create(spec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:" + port + "/broken"), ctx(0)).check());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpProbeWaitsForASlowAnswerLongerThanTheIntervalWithinTheAttemptTimeout() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
            ProbeRunner runner = new ProbeRunner(Probes.create(spec(ProbeSpec.Kind.HTTP, url), ctx(0,
                    Duration.ofSeconds(5))), Duration.ofMillis(50), Duration.ofSeconds(30), scheduler, worker);
            runner.start();
            runner.ready().get(30, TimeUnit.SECONDS);
            assertFalse(Probes.create(spec(ProbeSpec.Kind.HTTP, url), ctx(0, Duration.ofMillis(100))).check(),
                    "an answer slower than the attempt timeout is a failed attempt");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void execProbeIsReadyOnExitZeroInTheServiceDirectory() throws Exception {
        Files.writeString(dir.resolve("ready"), "");
        assertTrue(Probes.create(spec(ProbeSpec.Kind.EXEC, "test -f ready && echo lots of output"), ctx(0)).check());
        assertFalse(Probes.create(spec(ProbeSpec.Kind.EXEC, "test -f missing"), ctx(0)).check());
    }

    @Test
    void execProbeThatHangsIsKilled() throws Exception {
        Path pidFile = dir.resolve("probe.pid");
        Probe hanging = Probes.create(spec(ProbeSpec.Kind.EXEC, "echo $$ > probe.pid; exec sleep 1000"), ctx(0));
        assertFalse(hanging.check());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        PosixProcessControl control = new PosixProcessControl();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (control.startTime(pid).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(control.startTime(pid).isPresent(), "the hanging check was killed");
    }

    @Test
    void logProbeMatchesCapturedLinesAndMakesTheRunnerReadyAtOnce() throws Exception {
        ProbeRunner runner = new ProbeRunner(Probes.create(spec(ProbeSpec.Kind.LOG, "listening on \\d+"), ctx(0)),
                Duration.ofSeconds(10), Duration.ofSeconds(60), scheduler, worker);
        runner.start();
        runner.onLines(List.of(new LogLine(Instant.now(), LogStream.OUT, "starting")));
        assertFalse(runner.ready().isDone());
        runner.onLines(List.of(new LogLine(Instant.now(), LogStream.ERR, "listening on 8080")));
        assertTrue(runner.ready().isDone() && !runner.ready().isCompletedExceptionally());
    }

    @Test
    void badLogRegexIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Probes.create(spec(ProbeSpec.Kind.LOG, "(unclosed"), ctx(0)));
        assertTrue(e.getMessage().contains("(unclosed"), e.getMessage());
    }

    @Test
    void runnerFailsWithTimeoutWhenTheProbeNeverPasses() {
        Probe never = new Probe() {
            @Override
            public boolean check() {
                return false;
            }

            @Override
            public String describe() {
                return "never";
            }
        };
        ProbeRunner runner = new ProbeRunner(never, Duration.ofMillis(20), Duration.ofMillis(200), scheduler, worker);
        runner.start();
        ExecutionException e = assertThrows(ExecutionException.class, () -> runner.ready().get(10, TimeUnit.SECONDS));
        assertInstanceOf(ProbeTimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("not ready within 200ms"), e.getCause().getMessage());
    }
}
