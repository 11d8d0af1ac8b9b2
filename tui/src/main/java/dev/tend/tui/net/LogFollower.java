package dev.tend.tui.net;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.LogStitcher;
import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import dev.tend.tui.model.LogBuffer;
import dev.tend.tui.model.LogEntry;
import dev.tend.tui.model.LogTarget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The log connection: follows one target (a service, or a project's services interleaved). For each target
 * it opens a connection, subscribes to its log lines, reads the tail, then appends what arrives. Changing
 * the target closes the connection, which drops that subscription. Daemons without events are polled with
 * logs.read's `after` token.
 */
public final class LogFollower implements AutoCloseable {
    static final int TAIL = 300;
    private static final long RETRY_MILLIS = 1000;

    private final DaemonConnector connector;
    private final LogBuffer buffer;
    private final Function<String, List<String>> servicesOfProject;
    private volatile boolean running = true;
    private LogTarget wanted;       // guarded by this
    private RpcClient current;      // guarded by this
    private Thread thread;

    /** @param servicesOfProject the service names of a project, as the model knows them now */
    public LogFollower(DaemonConnector connector, LogBuffer buffer, Function<String, List<String>> servicesOfProject) {
        this.connector = connector;
        this.buffer = buffer;
        this.servicesOfProject = servicesOfProject;
    }

    public void start() {
        thread = new Thread(this::run, "tend-logs");
        thread.setDaemon(true);
        thread.start();
    }

    /** Follows this target from now on (null: nothing); cheap when it is the current one. */
    public void follow(LogTarget target) {
        synchronized (this) {
            if (Objects.equals(wanted, target)) {
                return;
            }
            wanted = target;
            EventLink.closeQuietly(current); // wakes the reader blocked on the old target
            current = null;
            notifyAll();
        }
        buffer.retarget(target);
    }

    /** Reads the target again from scratch (after the daemon came back, say). */
    public synchronized void refresh() {
        EventLink.closeQuietly(current);
        current = null;
        notifyAll();
    }

    private void run() {
        while (running) {
            LogTarget t;
            synchronized (this) {
                while (running && wanted == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                t = wanted;
            }
            RpcClient client = null;
            try {
                DaemonConnector.Connection c = connector.connectIfRunning();
                if (c == null) {
                    buffer.note("no daemon running");
                    waitForChange(t);
                    continue;
                }
                client = c.client();
                synchronized (this) {
                    if (!t.equals(wanted) || !running) {
                        continue;
                    }
                    current = client;
                }
                follow(client, t);
            } catch (IOException | RuntimeException e) {
                if (stillWanted(t)) {
                    buffer.note("log connection lost");
                    waitForChange(t);
                }
            } catch (RpcError | DaemonUnavailableException e) {
                if (stillWanted(t)) {
                    buffer.note(Daemon.firstLine(e.getMessage()));
                    waitForChange(t);
                }
            } finally {
                EventLink.closeQuietly(client);
                synchronized (this) {
                    if (current == client) {
                        current = null;
                    }
                }
            }
        }
    }

    private void follow(RpcClient client, LogTarget t) throws IOException, RpcError {
        boolean live = subscribe(client, t);
        LogStitcher stitcher = new LogStitcher((ref, after) -> read(client, ref, after),
                (ref, lines, gap) -> buffer.append(entries(lines)));
        List<LogEntry> tail = new ArrayList<>();
        for (String ref : refs(t)) {
            Map<String, Object> page = JsonObjects.object(client.call(Methods.LOGS_READ, Map.of("ref", ref, "tail", TAIL)));
            tail.addAll(entries(page.get("lines")));
            stitcher.delivered(ref, JsonObjects.string(page, "next"));
            while (JsonObjects.bool(page, "more")) { // long lines: the tail comes in several pages
                page = read(client, ref, stitcher.deliveredUpTo(ref));
                tail.addAll(entries(page.get("lines")));
                stitcher.delivered(ref, JsonObjects.string(page, "next"));
            }
        }
        buffer.reset(t, tail);
        if (live) {
            readLive(client, t, stitcher);
        } else {
            poll(client, t, stitcher);
        }
    }

    /** One logs.read page of the service after the position (null: from its start). */
    private static Map<String, Object> read(RpcClient client, String ref, String after) throws IOException, RpcError {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ref", ref);
        if (after != null) {
            params.put("after", after);
        }
        return JsonObjects.object(client.call(Methods.LOGS_READ, params));
    }

    private boolean subscribe(RpcClient client, LogTarget t) throws IOException, RpcError {
        Map<String, Object> filter = t.wholeProject()
                ? Map.of("project", t.project())
                : Map.of("services", List.of(t.project() + "/" + t.service()));
        try {
            client.call(Methods.EVENTS_SUBSCRIBE, Map.of("topics", List.of("log"), "filter", filter));
            return true;
        } catch (RpcError e) {
            if (Daemon.methodNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Subscribed before the tail was read, so every later line arrives; the stitcher drops what the tail had. */
    private void readLive(RpcClient client, LogTarget t, LogStitcher stitcher) throws IOException, RpcError {
        while (running && stillWanted(t)) {
            Map<String, Object> n = client.nextNotification();
            String method = JsonObjects.string(n, "method");
            if (Methods.EVENTS_LAGGED.equals(method)) {
                return; // cancelled: the caller reconnects and reads the tail afresh
            }
            if (Methods.LOG_APPENDED.equals(method) && n.get("params") instanceof Map<?, ?>) {
                stitcher.appended(JsonObjects.object(n.get("params")));
            }
        }
    }

    private void poll(RpcClient client, LogTarget t, LogStitcher stitcher) throws IOException, RpcError {
        buffer.note("polling");
        List<String> refs = refs(t);
        while (running && stillWanted(t)) {
            synchronized (this) {
                try {
                    wait(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (String ref : refs) {
                if (!stillWanted(t)) {
                    return;
                }
                stitcher.catchUp(ref);
            }
        }
    }

    /** The services whose logs are read: the one, the group's copies (as the model knows them now), or the project's. */
    private List<String> refs(LogTarget t) {
        List<String> refs = new ArrayList<>();
        for (String s : servicesOfProject.apply(t.project())) {
            if (t.covers(t.project(), s)) {
                refs.add(t.project() + "/" + s);
            }
        }
        return refs.isEmpty() && !t.wholeProject() ? List.of(t.project() + "/" + t.service()) : refs;
    }

    private static List<LogEntry> entries(Object lines) {
        List<LogEntry> out = new ArrayList<>();
        if (lines instanceof List<?> l) {
            for (Object o : l) {
                out.add(LogEntry.from(JsonObjects.object(o)));
            }
        }
        return out;
    }

    private synchronized boolean stillWanted(LogTarget t) {
        return t.equals(wanted);
    }

    private synchronized void waitForChange(LogTarget t) {
        if (running && t.equals(wanted)) {
            try {
                wait(RETRY_MILLIS);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            EventLink.closeQuietly(current);
            notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
