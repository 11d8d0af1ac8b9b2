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
 * list current. When the daemon is stopped the watch waits, without polling, for the next tool call to reach a
 * daemon again (a daemon the user stopped stays stopped). When it is lost without saying it stops (a crash, a
 * kill -9), the watch is what the next command would be: it starts one, as the CLI recovers a crash, after a pause
 * that grows while each new daemon is lost again soon.
 */
final class ResourceWatch implements Runnable {
    private final DaemonLink link;
    private final Resources resources;
    private boolean daemonReached = true; // the server reaches for it at start-up
    private boolean started;
    /** The daemon was lost without stopping: follow again, starting one, after {@link #pauseMillis}. */
    private boolean recover;
    private long pauseMillis = FIRST_PAUSE_MILLIS;
    private static final long FIRST_PAUSE_MILLIS = 1000;
    private static final long LONGEST_PAUSE_MILLIS = 60_000;
    /** A follow that lasted this long was no crash loop: the pause starts over. */
    private static final long STEADY_MILLIS = 30_000;
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
                    if (recover && !daemonReached && !closed) {
                        wait(pauseMillis); // a tool call that reaches a daemon meanwhile ends the pause
                        pauseMillis = Math.min(pauseMillis * 2, LONGEST_PAUSE_MILLIS);
                    }
                    while (!daemonReached && !recover && !closed) {
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
            // the first time, start the daemon (so the first tool call finds it ready), and after a crash; else
            // only follow one that a tool call started: a daemon the user stopped stays stopped
            client = started && !recover ? link.connectIfRunning() : link.connect();
        } catch (ToolError e) {
            client = null;
        }
        started = true;
        if (client == null) {
            return; // no daemon (or none could be started): wait for a tool call to reach one, or the next try
        }
        recover = false;
        current = client;
        long since = System.nanoTime();
        boolean stopping = false;
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
                    case Methods.DAEMON_STOPPING -> stopping = true; // its end follows below: stopped, not lost
                    default -> {
                        // service.changed: the list follows projects
                    }
                }
            }
        } catch (IOException | ToolError e) {
            // stopped: wait for the next tool call to reach a daemon; lost without a word: recover it
            if (!stopping && !closed) {
                recover = true;
                if (System.nanoTime() - since > STEADY_MILLIS * 1_000_000) {
                    pauseMillis = FIRST_PAUSE_MILLIS;
                }
            }
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
