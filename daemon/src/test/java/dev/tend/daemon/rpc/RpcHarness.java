package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.SupervisorConfig;
import dev.tend.daemon.core.events.BusLimits;
import dev.tend.daemon.core.events.EventBus;
import dev.tend.daemon.core.events.JobFeed;
import dev.tend.daemon.core.events.LogTailer;
import dev.tend.daemon.core.events.SupervisorFeed;
import dev.tend.daemon.core.jobs.ExecutorJobTimer;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.core.jobs.JobsConfig;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import dev.tend.daemon.store.SqliteJobStore;
import dev.tend.daemon.store.SqliteStore;
import dev.tend.protocol.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's endpoint over the real parts: a supervisor and a job scheduler on real processes, a real SQLite file,
 * real log files and project files in a temporary directory, wired as DaemonMain wires them. Calls go through the
 * endpoint as JSON frames, so what a test sees is what reaches the wire. close() shuts both down, which stops every
 * process they started.
 */
final class RpcHarness implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    final Path dir;
    final SqliteStore store;
    final Supervisor supervisor;
    final JobScheduler jobs;
    final JsonRpcEndpoint endpoint;
    /** The reasons daemon.shutdown was asked with. */
    final List<String> shutdownsRequested = new CopyOnWriteArrayList<>();

    RpcHarness(Path dir) {
        this.dir = dir;
        this.store = SqliteStore.open(dir.resolve("tend.db"));
        PosixProcessLauncher launcher = new PosixProcessLauncher();
        PosixProcessControl control = new PosixProcessControl();
        this.supervisor = new Supervisor(SupervisorConfig.defaults(dir.resolve("logs"), "test"), launcher, control,
                store, Clock.systemUTC());
        this.jobs = new JobScheduler(JobsConfig.defaults(dir.resolve("logs"), "test"), launcher, control,
                new SqliteJobStore(store), store, Clock.systemUTC(), new ExecutorJobTimer(Clock.systemUTC()));
        EventBus bus = new EventBus(BusLimits.DEFAULT);
        LogTailer tailer = new LogTailer(bus, supervisor::logFile);
        SupervisorFeed.attach(supervisor, bus, tailer);
        JobFeed.attach(jobs, bus);
        DaemonInfo info = new DaemonInfo("1.2.3", "test", 4711, Instant.parse("2026-01-02T03:04:05Z"),
                dir.resolve("tend.sock"), false, dir, () -> "test", () -> 0, shutdownsRequested::add,
                () -> Map.of("reloaded", true), () -> 0L, List::of, "client");
        this.endpoint = new JsonRpcEndpoint(RpcMapper.create(), new TendRpc(info, supervisor, store, Clock.systemUTC(),
                jobs, bus, tailer, new EventNotifications(RpcMapper.create(), null)));
    }

    /** Writes the project file {@code <dir>/<name>/tend.yaml} and answers the project's directory. */
    Path projectDir(String name, String yaml) {
        Path project = dir.resolve(name);
        try {
            Files.createDirectories(project);
            Files.writeString(project.resolve("tend.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return project;
    }

    /** Writes the project file and registers it with project.up (nothing waited for): answers its directory. */
    Path up(String name, String yaml) {
        Path project = projectDir(name, yaml);
        result("project.up", "{\"dir\":" + quote(project.toString()) + "}");
        return project;
    }

    /** The whole response to one call; params is JSON text. */
    JsonNode call(String method, String params) {
        return call(method, params, null);
    }

    /** The whole response to one call made with a context (the connection, for events.*). */
    JsonNode call(String method, String params, Object context) {
        String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}";
        return RpcAssertions.parse(endpoint.handle(frame, context));
    }

    /** The result of a call that must succeed. */
    JsonNode result(String method, String params) {
        JsonNode response = call(method, params);
        assertTrue(response.has("result"), method + " " + params + " -> " + response);
        return response.get("result");
    }

    /** The error of a call that must fail with that code: never an internal error. */
    JsonNode error(String method, String params, ErrorCode code) {
        return error(call(method, params), method + " " + params, code);
    }

    static JsonNode error(JsonNode response, String call, ErrorCode code) {
        assertTrue(response.has("error"), call + " -> " + response);
        assertEquals(code.code(), response.get("error").get("code").intValue(), call + " -> " + response);
        return response.get("error");
    }

    /** The words of the error of a call that must fail with that code. */
    String message(String method, String params, ErrorCode code) {
        return error(method, params, code).get("message").textValue();
    }

    static String quote(String s) {
        return RpcAssertions.MAPPER.valueToTree(s).toString();
    }

    /** Waits until the condition's value is not null, and answers it. */
    static <T> T await(String what, Supplier<T> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** The state of a service as service.list tells it. */
    String state(String project, String service) {
        for (JsonNode s : result("service.list", "{\"project\":" + quote(project) + "}").get("services")) {
            if (s.get("name").textValue().equals(service)) {
                return s.get("state").textValue();
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        try {
            jobs.shutdown().get(60, TimeUnit.SECONDS);
        } finally {
            try {
                supervisor.shutdown().get(60, TimeUnit.SECONDS);
            } finally {
                store.close();
            }
        }
    }
}
