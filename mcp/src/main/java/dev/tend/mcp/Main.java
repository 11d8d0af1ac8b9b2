package dev.tend.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tend.client.DaemonConnector;
import dev.tend.protocol.TendPaths;
import dev.tend.protocol.Version;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * `tend mcp`: an MCP server on stdin/stdout (docs/mcp.md), a thin peer of the daemon like the CLI. stdout carries
 * the protocol alone: System.out is pointed at stderr before anything runs, so no stray print can corrupt it.
 */
public final class Main {
    /** Generous: a cold JVM on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String INSTRUCTIONS = """
            tend supervises this developer's local services (a project's tend.yaml: web servers, databases, \
            workers) and scheduled jobs. Use list_services to see what runs and how it is doing, read_logs to \
            see what a service printed, restart_service then wait_for_service to bring one back, and \
            service_history to see why one keeps crashing. Service names alone refer to the project of the \
            directory you were started in; write project/name for another one.""";

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        Options o;
        TendPaths paths;
        try {
            o = Options.parse(Arrays.asList(args));
            if (o.help()) {
                protocolOut.println(Options.USAGE);
                protocolOut.flush();
                System.exit(0);
            }
            paths = TendPaths.resolve(System.getenv(), o.instance());
        } catch (IllegalArgumentException e) {
            System.err.println("tend mcp: " + e.getMessage() + " (see tend mcp --help)");
            System.exit(2);
            return;
        }
        StdinWatch in = new StdinWatch(System.in, protocolOut);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tend-mcp-timeouts");
            t.setDaemon(true);
            return t;
        });
        DaemonLink link = new DaemonLink(connector(paths));
        Resources resources = new Resources(link);
        ResourceWatch watch = new ResourceWatch(link, resources);
        in.onInitialized(() -> timer.execute(resources::goLive)); // before the SDK reads stdin
        link.onReach(watch::daemonReached);

        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, in, protocolOut))
                .serverInfo("tend", Version.current())
                .instructions(INSTRUCTIONS)
                .jsonMapper(json)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, true).build())
                .tools(tools(link, timer).specs(o.readOnly()))
                .resourceTemplates(resources.templates())
                .build();
        resources.attach(server);
        watch.start();
        try {
            in.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watch.close();
        server.close();
        link.close();
        System.exit(0);
    }

    static ToolSet tools(DaemonLink link, ScheduledExecutorService timer) {
        Targets targets = new Targets(Path.of("").toAbsolutePath().normalize().toString());
        Views views = new Views(Clock.systemUTC());
        ToolGroup.Context context = new ToolGroup.Context(link, targets, views, timer);
        ToolSet tools = new ToolSet();
        for (ToolGroup group : List.of(new ServiceTools(context), new ServiceWait(context), new LogTools(context),
                new ProjectTools(context), new JobTools(context))) {
            group.register(tools);
        }
        return tools;
    }

    private static DaemonConnector connector(TendPaths paths) {
        return DaemonConnector.throughLauncher(paths, "tend-mcp", START_TIMEOUT);
    }
}
