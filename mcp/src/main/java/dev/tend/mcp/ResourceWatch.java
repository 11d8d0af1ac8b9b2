package dev.tend.mcp;

import dev.tend.client.RpcClient;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Follows the daemon's events on a connection of its own, on one daemon thread: log.appended becomes a
 * resources/updated for the clients subscribed to that log, and project and service changes keep the resource
 * list current. When the daemon goes away the watch waits, without polling, for the next tool call to reach a
 * daemon again (it never starts one on its own).
 */
final class ResourceWatch implements Runnable {
    private final DaemonLink link;
    private final Resources resources;
    private boolean daemonReached = true; // the server reaches for it at start-up
    private boolean started;
    private volatile RpcClient current;
    private volatile boolean closed;

    ResourceWatch(DaemonLink link, Resources resources) {
        this.link = link;
        this.resources = resources;
    }

    void start() {
        Thread t = new Thread(this, "tend-mcp-events");
        t.setDaemon(true);
        t.start();
    }

    /** A tool call reached the daemon: the watch may follow it again. */
    synchronized void daemonReached() {
        daemonReached = true;
        notifyAll();
    }

    @Override
    public void run() {
        while (!closed) {
            try {
                synchronized (this) {
                    while (!daemonReached && !closed) {
                        wait();
                    }
                    daemonReached = false;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                follow();
            }
        }
    }

    private void follow() {
        RpcClient client;
        try {
            // the first time, start the daemon (so the first tool call finds it ready); later, only follow one
            // that a tool call started: a daemon the user stopped stays stopped
            client = started ? link.connectIfRunning() : link.connect();
        } catch (ToolError e) {
            client = null;
        }
        started = true;
        if (client == null) {
            return; // no daemon: wait for a tool call to reach one
        }
        current = client;
        try {
            Map<String, Object> sub = JsonObjects.object(DaemonLink.call(client, Methods.EVENTS_SUBSCRIBE,
                    Map.of("topics", List.of("service", "log", "daemon"))));
            resources.listProjects(JsonObjects.array(JsonObjects.object(sub.get("snapshot")).get("projects")));
            while (!closed) {
                Map<String, Object> n = client.nextNotification();
                Map<String, Object> p = JsonObjects.object(n.get("params"));
                switch (String.valueOf(n.get("method"))) {
                    case Methods.LOG_APPENDED -> resources.logAppended(JsonObjects.string(p, "project"),
                            JsonObjects.string(p, "service"));
                    case Methods.PROJECT_CHANGED -> resources.addProject(JsonObjects.object(p.get("project")));
                    case Methods.PROJECT_REMOVED -> resources.removeProject(JsonObjects.string(p, "name"));
                    case Methods.SERVICE_REMOVED -> resources.removeService(JsonObjects.string(p, "project"),
                            JsonObjects.string(p, "name"));
                    case Methods.EVENTS_LAGGED -> {
                        daemonReached(); // subscribe again at once: the daemon is there
                        return;
                    }
                    default -> {
                        // service.changed and daemon.stopping: the list follows projects; the end follows below
                    }
                }
            }
        } catch (IOException | ToolError e) {
            // the daemon went away (or is stopping): wait for the next tool call to reach one
        } finally {
            current = null;
            DaemonLink.closeQuietly(client);
        }
    }

    void close() {
        closed = true;
        RpcClient c = current;
        if (c != null) {
            DaemonLink.closeQuietly(c);
        }
        synchronized (this) {
            notifyAll();
        }
    }
}
