package dev.tend.mcp;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources: each service's log (tend://PROJECT/SERVICE/log, its newest lines) and each project's file
 * (tend://PROJECT/tend.yaml, whatever the file is called). Both are templates, so any name can be read; the
 * ones that exist are also listed, kept current by {@link ResourceWatch}.
 */
final class Resources {
    static final String SCHEME = "tend://";
    static final String LOG_TEMPLATE = SCHEME + "{project}/{service}/log";
    static final String FILE_TEMPLATE = SCHEME + "{project}/tend.yaml";
    private static final int LOG_LINES = 200;

    private final DaemonLink link;
    /** uri -> listed resource, as last added to the server */
    private final Map<String, McpSchema.Resource> listed = new ConcurrentHashMap<>();
    private volatile McpSyncServer server;
    /**
     * The client has said it is initialized: only then are resources handed to the server, whose every change is a
     * notifications/resources/list_changed, which MCP does not allow before (the watch lists them at start-up).
     */
    private volatile boolean live;

    Resources(DaemonLink link) {
        this.link = link;
    }

    static String logUri(String project, String service) {
        return SCHEME + project + "/" + service + "/log";
    }

    static String fileUri(String project) {
        return SCHEME + project + "/tend.yaml";
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder().uriTemplate(LOG_TEMPLATE).name("service log")
                        .title("A service's log")
                        .description("The newest " + LOG_LINES + " lines a service wrote (stdout and stderr), "
                                + "oldest first; subscribe to hear when it writes more.")
                        .mimeType("text/plain").build(), (ex, req) -> read(req.uri())),
                new SyncResourceTemplateSpecification(McpSchema.ResourceTemplate.builder().uriTemplate(FILE_TEMPLATE).name("project file")
                        .title("A project's tend.yaml")
                        .description("The project file that defines a project's services and jobs.")
                        .mimeType("text/yaml").build(), (ex, req) -> read(req.uri())));
    }

    McpSchema.ReadResourceResult read(String uri) {
        if (!uri.startsWith(SCHEME)) {
            throw notFound(uri, "not a tend resource: " + uri);
        }
        String[] parts = uri.substring(SCHEME.length()).split("/", -1);
        String text;
        String mime;
        if (parts.length == 3 && parts[2].equals("log")) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("ref", parts[0] + "/" + parts[1]);
            params.put("tail", LOG_LINES);
            text = call(uri, () -> LogPages.render(LogPages.read(p -> link.call(Methods.LOGS_READ, p), params,
                    LOG_LINES, t -> true), false, ""));
            mime = "text/plain";
        } else if (parts.length == 2 && parts[1].equals("tend.yaml")) {
            text = call(uri, () -> projectFile(parts[0]));
            mime = "text/yaml";
        } else {
            throw notFound(uri, "no such tend resource: " + uri
                    + " (there are " + LOG_TEMPLATE + " and " + FILE_TEMPLATE + ")");
        }
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mime, text)));
    }

    /**
     * A read that fails says why as the error of resources/read: what is not there (no such project, service or
     * uri) with MCP's own code for it, -32002 and the uri as data; anything else (no daemon) as the SDK sends an
     * exception's message.
     */
    private static String call(String uri, java.util.function.Supplier<String> read) {
        try {
            return read.get();
        } catch (ToolError e) {
            if (e.notFound()) {
                throw notFound(uri, e.getMessage());
            }
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static McpError notFound(String uri, String message) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(message).data(Map.of("uri", uri))
                .build();
    }

    private String projectFile(String project) {
        for (Object o : JsonObjects.array(link.call(Methods.PROJECT_LIST, Map.of()).get("projects"))) {
            Map<String, Object> p = JsonObjects.object(o);
            if (project.equals(p.get("name"))) {
                String file = JsonObjects.string(p, "file");
                if (file == null) {
                    throw new ToolError("project '" + project + "' has no file (ad-hoc services)", true);
                }
                try {
                    return Files.readString(Path.of(file), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ToolError("cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        throw new ToolError("no project '" + project + "'", true);
    }

    synchronized void attach(McpSyncServer server) {
        this.server = server;
        handOver();
    }

    /** The client sent notifications/initialized: what was listed meanwhile goes to the server now. */
    synchronized void goLive() {
        live = true;
        handOver();
    }

    /** Once there is a server and the client is initialized (whichever comes last), it gets what is listed. */
    private void handOver() {
        McpSyncServer s = server;
        if (s != null && live) {
            listed.values().forEach(r -> s.addResource(specification(r)));
        }
    }

    private SyncResourceSpecification specification(McpSchema.Resource r) {
        return new SyncResourceSpecification(r, (ex, req) -> read(req.uri()));
    }

    /** Lists exactly these projects' resources (from ProjectViews), adding and removing the difference. */
    synchronized void listProjects(List<Object> projectViews) {
        Set<String> wanted = new HashSet<>();
        for (Object o : projectViews) {
            wanted.addAll(addProject(JsonObjects.object(o)));
        }
        for (String uri : Set.copyOf(listed.keySet())) {
            if (!wanted.contains(uri)) {
                remove(uri);
            }
        }
    }

    /** Adds what a project has (a changed project may have gained services); returns its resources' uris. */
    synchronized Set<String> addProject(Map<String, Object> view) {
        String project = JsonObjects.string(view, "name");
        Set<String> uris = new HashSet<>();
        if (view.get("file") != null) {
            uris.add(fileUri(project));
            add(fileUri(project), project + " tend.yaml", "The project file of " + project + ": "
                    + view.get("file"), "text/yaml");
        }
        for (Object s : JsonObjects.array(view.get("services"))) {
            String uri = logUri(project, String.valueOf(s));
            uris.add(uri);
            add(uri, project + "/" + s + " log", "The newest " + LOG_LINES + " lines of " + project + "/" + s
                    + "'s output; updated when it writes.", "text/plain");
        }
        return uris;
    }

    synchronized void removeProject(String project) {
        for (String uri : Set.copyOf(listed.keySet())) {
            if (uri.startsWith(SCHEME + project + "/")) {
                remove(uri);
            }
        }
    }

    synchronized void removeService(String project, String service) {
        remove(logUri(project, service));
    }

    private void add(String uri, String name, String description, String mime) {
        McpSyncServer s = server;
        if (s == null || listed.containsKey(uri)) {
            return;
        }
        McpSchema.Resource r = McpSchema.Resource.builder().uri(uri).name(name).description(description)
                .mimeType(mime).build();
        if (live) {
            s.addResource(specification(r));
        }
        listed.put(uri, r);
    }

    private void remove(String uri) {
        McpSyncServer s = server;
        if (s != null && listed.remove(uri) != null && live) {
            s.removeResource(uri);
        }
    }

    /** Tells the clients that subscribed to a service's log that it grew (the SDK keeps who subscribed). */
    void logAppended(String project, String service) {
        McpSyncServer s = server;
        if (s != null && live) {
            s.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(logUri(project, service)));
        }
    }
}
