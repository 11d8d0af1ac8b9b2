package dev.tend.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tend mcp` driven as an agent drives it: a subprocess spoken to by the MCP Java SDK's own client. */
class McpServerIT {
    static {
        // the SDK's client logs every message at DEBUG; logback (on this class path through the daemon) would print them all
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.modelcontextprotocol"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static final Set<String> READING = Set.of("list_services", "read_logs", "read_job_log",
            "service_history", "wait_for_service", "list_jobs");

    private static Path project(TendHome tend) throws Exception {
        Path dir = Files.createDirectories(tend.home().resolve("shop"));
        Files.writeString(dir.resolve("tend.yaml"), """
                project: shop
                services:
                  api:
                    command: "while true; do echo tick; sleep 0.3; done"
                  quiet:
                    command: "echo hello from quiet; exec sleep 1000"
                jobs:
                  report:
                    schedule: "@every 24h"
                    command: "echo report done"
                """);
        return dir;
    }

    private static McpSyncClient client(TendHome tend, Consumer<List<McpSchema.ResourceContents>> updates,
                                        String... extra) {
        ServerParameters.Builder params = ServerParameters.builder(TendHome.LAUNCHER.toString()).arg("mcp")
                .env(Map.copyOf(tend.env()));
        for (String e : extra) {
            params.arg(e);
        }
        // the SDK's client replaces the server's environment with the one given: keep what the JVM needs
        params.addEnvVar("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            params.addEnvVar("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        StdioClientTransport transport = new StdioClientTransport(params.build(),
                new JacksonMcpJsonMapper(new ObjectMapper()));
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(60)).resourcesUpdateConsumer(updates).build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    private static String text(McpSchema.CallToolResult r) {
        return r.content().stream().map(x -> ((McpSchema.TextContent) x).text()).collect(Collectors.joining("\n"));
    }

    private static String ok(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = call(c, tool, args);
        assertFalse(Boolean.TRUE.equals(r.isError()), tool + " failed: " + text(r));
        return text(r);
    }

    @Test
    void everyToolWorksAgainstRealServicesAndALogResourceIsUpdatedWhenItsServiceWrites() throws Exception {
        try (TendHome tend = new TendHome()) {
            Path dir = project(tend);
            CountDownLatch apiWrote = new CountDownLatch(1);
            McpSyncClient c = client(tend, contents -> {
                if (contents.stream().anyMatch(x -> x.uri().equals("tend://shop/api/log"))) {
                    apiWrote.countDown();
                }
            });
            try {
                Set<String> names = c.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
                McpSchema.Tool stop = c.listTools().tools().stream().filter(t -> t.name().equals("stop_service"))
                        .findFirst().orElseThrow();
                assertEquals(Boolean.TRUE, stop.annotations().destructiveHint());
                assertEquals(Set.of("list_services", "start_service", "stop_service", "restart_service",
                        "service_history", "wait_for_service", "read_logs", "read_job_log", "up_project",
                        "down_project", "reload_project", "list_jobs", "run_job"), names);

                String up = ok(c, "up_project", Map.of("dir", dir.toString(), "wait", true));
                assertTrue(up.contains("\"added\":[\"api\",\"quiet\"]") || up.contains("\"added\":[\"quiet\",\"api\"]"), up);
                assertTrue(ok(c, "wait_for_service", Map.of("service", "shop/api")).contains("\"outcome\":\"ready\""));
                String list = ok(c, "list_services", Map.of("project", "shop"));
                assertTrue(list.contains("\"service\":\"shop/api\",\"state\":\"ready\""), list);
                TendHome.waitUntil("quiet's line is in its log", () ->
                        ok(c, "read_logs", Map.of("service", "quiet", "project", "shop")).contains("| hello from quiet"));
                String projectLogs = ok(c, "read_logs", Map.of("project", "shop", "pattern", "hello"));
                assertTrue(projectLogs.contains("shop/quiet | hello from quiet") || projectLogs.contains(" quiet | hello from quiet"), projectLogs);

                assertTrue(ok(c, "restart_service", Map.of("service", "shop/quiet")).contains("\"service\":\"shop/quiet\""));
                assertTrue(ok(c, "wait_for_service", Map.of("service", "shop/quiet")).contains("\"outcome\":\"ready\""));
                assertTrue(ok(c, "service_history", Map.of("service", "shop/quiet")).contains("\"kind\":\"stopped\""));
                assertTrue(ok(c, "stop_service", Map.of("service", "shop/quiet")).contains("\"state\":\"stopped\""));
                assertTrue(ok(c, "start_service", Map.of("service", "shop/quiet")).contains("\"service\":\"shop/quiet\""));

                assertTrue(ok(c, "list_jobs", Map.of("project", "shop")).contains("\"job\":\"shop/report\""));
                String run = ok(c, "run_job", Map.of("job", "shop/report"));
                assertTrue(run.contains("\"outcome\":\"succeeded\"") && run.contains("| report done"), run);
                assertTrue(ok(c, "read_job_log", Map.of("job", "report", "project", "shop")).contains("| report done"));
                assertTrue(ok(c, "reload_project", Map.of("project", "shop")).contains("\"unchanged\""));

                List<String> uris = c.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
                assertTrue(uris.containsAll(List.of("tend://shop/api/log", "tend://shop/tend.yaml")), uris.toString());
                String file = ((McpSchema.TextResourceContents) c.readResource(
                        new McpSchema.ReadResourceRequest("tend://shop/tend.yaml")).contents().get(0)).text();
                assertTrue(file.startsWith("project: shop"), file);
                c.subscribeResource(new McpSchema.SubscribeRequest("tend://shop/api/log"));
                assertTrue(apiWrote.await(60, TimeUnit.SECONDS), "no resources/updated for shop/api's log");

                assertTrue(ok(c, "down_project", Map.of("project", "shop")).contains("\"state\":\"stopped\""));
            } finally {
                c.closeGracefully();
            }
        }
    }

    @Test
    void aLogSubscriptionOutlivesADaemonCrashWithoutAToolCall() throws Exception {
        try (TendHome tend = new TendHome()) {
            Path dir = project(tend);
            java.util.concurrent.atomic.AtomicReference<CountDownLatch> apiWrote =
                    new java.util.concurrent.atomic.AtomicReference<>(new CountDownLatch(1));
            McpSyncClient c = client(tend, contents -> {
                if (contents.stream().anyMatch(x -> x.uri().equals("tend://shop/api/log"))) {
                    apiWrote.get().countDown();
                }
            });
            try {
                ok(c, "up_project", Map.of("dir", dir.toString(), "wait", true));
                c.subscribeResource(new McpSchema.SubscribeRequest("tend://shop/api/log"));
                assertTrue(apiWrote.get().await(60, TimeUnit.SECONDS), "no resources/updated for shop/api's log");

                long daemon = tend.daemonPid();
                assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(daemon)).start().waitFor());
                TendHome.waitUntil("the daemon is gone", () -> !ProcessHandle.of(daemon).map(ProcessHandle::isAlive)
                        .orElse(false));
                apiWrote.set(new CountDownLatch(1));
                // no tool call: the crash is recovered as the next command would, and the updates go on
                assertTrue(apiWrote.get().await(60, TimeUnit.SECONDS), "no resources/updated after the daemon crashed");
                ok(c, "down_project", Map.of("project", "shop"));
            } finally {
                c.closeGracefully();
            }
        }
    }

    @Test
    void restartingAReplicatedServiceAnswersEachCopy() throws Exception {
        try (TendHome tend = new TendHome()) {
            Path dir = Files.createDirectories(tend.home().resolve("copies"));
            Files.writeString(dir.resolve("tend.yaml"), """
                    project: copies
                    services:
                      api:
                        command: "exec sleep 1000"
                        replicas: 2
                    """);
            McpSyncClient c = client(tend, x -> { });
            try {
                ok(c, "up_project", Map.of("dir", dir.toString(), "wait", true));
                String restarted = ok(c, "restart_service", Map.of("service", "copies/api"));
                assertTrue(restarted.contains("\"service\":\"copies/api#1\"")
                        && restarted.contains("\"service\":\"copies/api#2\""), restarted);
                ok(c, "down_project", Map.of("project", "copies"));
            } finally {
                c.closeGracefully();
            }
        }
    }

    @Test
    void aBadCallIsAToolErrorInTheDaemonsWordsAndTheServerStaysUp() throws Exception {
        try (TendHome tend = new TendHome()) {
            Path dir = project(tend);
            McpSyncClient c = client(tend, x -> { });
            try {
                ok(c, "up_project", Map.of("dir", dir.toString()));
                McpSchema.CallToolResult typo = call(c, "restart_service", Map.of("service", "shop/apj"));
                assertTrue(Boolean.TRUE.equals(typo.isError()));
                assertTrue(text(typo).contains("'apj'") && text(typo).contains("api"), text(typo));
                assertFalse(text(typo).contains("Exception"), text(typo));
                McpSchema.CallToolResult missing = call(c, "read_logs", Map.of("tail", 5, "service", ""));
                assertTrue(Boolean.TRUE.equals(missing.isError()), text(missing));
                McpSchema.CallToolResult noArg = call(c, "stop_service", Map.of());
                assertTrue(Boolean.TRUE.equals(noArg.isError()));
                assertTrue(text(noArg).contains("service"), text(noArg));
                assertTrue(ok(c, "list_services", Map.of()).contains("\"project\":\"shop\""));
                ok(c, "down_project", Map.of("project", "shop"));
            } finally {
                c.closeGracefully();
            }
        }
    }

    @Test
    void readOnlyOffersOnlyTheToolsThatRead() throws Exception {
        try (TendHome tend = new TendHome()) {
            McpSyncClient c = client(tend, x -> { }, "--read-only");
            try {
                List<McpSchema.Tool> tools = c.listTools().tools();
                assertEquals(READING, tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
                for (McpSchema.Tool t : tools) {
                    assertEquals(Boolean.TRUE, t.annotations().readOnlyHint(), t.name());
                    assertEquals(Boolean.FALSE, t.annotations().destructiveHint(), t.name());
                }
                // a tool it does not offer is refused (the SDK answers an unknown tool as a protocol error)
                assertThrows(io.modelcontextprotocol.spec.McpError.class,
                        () -> call(c, "stop_service", Map.of("service", "x")));
                assertEquals(READING.size(), c.listTools().tools().size()); // and the server is still up
                // A reading tool works, and reaches the daemon the server starts in the background at start-up, so
                // the clean-up's `daemon stop` finds it up rather than racing its start (a daemon left behind).
                ok(c, "list_services", Map.of());
            } finally {
                c.closeGracefully();
            }
        }
    }

    @Test
    void nothingIsSentBeforeInitializeTheResourcesAreListedOnceTheClientIsInitializedAndAMissingOneIsNotFound() throws Exception {
        try (TendHome tend = new TendHome()) {
            Path dir = project(tend);
            assertEquals(0, tend.tendIn(dir, "up").exit());
            Process mcp = tend.command(TendHome.LAUNCHER.toString(), "mcp").directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(tend.home().resolve("mcp.err").toFile()).start();
            java.util.concurrent.BlockingQueue<String> out = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(mcp.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        out.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the server ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            var in = new java.io.PrintStream(mcp.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
            try {
                // the server's watch follows the daemon (and used to list the project's resources at once, each a
                // resources/list_changed sent before the client had even said initialize)
                try {
                    TendProject.await("the server's event connection", () -> connections(tend) >= 2 ? true : null);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; status " + tend.tend("daemon", "status", "--json")
                            + "; the server's stderr: " + Files.readString(tend.home().resolve("mcp.err")), e);
                }
                String early = out.poll(3, TimeUnit.SECONDS);
                assertEquals(null, early, "a message before initialize");

                in.println("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                        + "2025-06-18" + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
                String first = out.poll(60, TimeUnit.SECONDS);
                assertTrue(first != null && first.contains("\"id\":1") && first.contains("\"result\""), "first: " + first);
                in.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                TendProject.await("the log resources listed", () -> {
                    in.println("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}");
                    for (String line; (line = out.poll(5, TimeUnit.SECONDS)) != null; ) {
                        if (line.contains("\"id\":2")) {
                            return line.contains("tend://shop/api") ? true : null;
                        }
                    }
                    return null;
                });

                // what is not there is -32002 (MCP's Resource not found) with the daemon's words, not -32603
                String[] missing = {"tend://nosuch/tend.yaml", "tend://shop/nosuch/log", "tend://shop/x/y/z",
                        "file:///etc/passwd"};
                for (int i = 0; i < missing.length; i++) {
                    in.println("{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"resources/read\","
                            + "\"params\":{\"uri\":\"" + missing[i] + "\"}}");
                    String answer = null;
                    for (String line; (line = out.poll(60, TimeUnit.SECONDS)) != null; ) {
                        if (line.contains("\"id\":" + (10 + i) + ",") || line.contains("\"id\":" + (10 + i) + "}")) {
                            answer = line;
                            break;
                        }
                    }
                    assertTrue(answer != null && answer.contains("\"code\":-32002") && answer.contains(missing[i])
                            && !answer.contains("Internal"),
                            missing[i] + ": " + answer);
                }

                // a line the SDK would stop reading at (it answered nothing more, and never saw stdin end)
                in.println("{not json");
                in.println("[]");
                in.println("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
                java.util.List<String> after = new java.util.ArrayList<>();
                for (String line; (line = out.poll(60, TimeUnit.SECONDS)) != null; ) {
                    after.add(line);
                    if (line.contains("\"id\":3")) {
                        break;
                    }
                }
                assertTrue(after.stream().anyMatch(l -> l.contains("\"code\":-32700")), after.toString());
                assertTrue(after.stream().anyMatch(l -> l.contains("\"code\":-32600")), after.toString());
                assertTrue(after.get(after.size() - 1).contains("\"id\":3") && after.get(after.size() - 1)
                        .contains("\"result\""), "the ping after them is answered: " + after);
            } finally {
                in.close();
                assertTrue(mcp.waitFor(30, TimeUnit.SECONDS), "the server ends with its stdin");
            }
        }
    }

    private static long connections(TendHome tend) throws Exception {
        TendHome.Result r = tend.tend("daemon", "status", "--json");
        Object n = ((Map<?, ?>) dev.tend.protocol.json.Json.parse(r.out())).get("connections");
        return n instanceof Number num ? num.longValue() : 0;
    }
}
