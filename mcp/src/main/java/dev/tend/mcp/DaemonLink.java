package dev.tend.mcp;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.json.JsonObjects;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The server's way to the daemon: connections made by the {@link DaemonConnector} (which starts the daemon when
 * none runs), kept for reuse. The SDK runs tool calls concurrently and an {@link RpcClient} serves one thread, so
 * each call borrows an idle connection or opens one, and gives it back after an answer; a broken one is closed.
 */
final class DaemonLink implements AutoCloseable {
    private final DaemonConnector connector;
    private final ConcurrentLinkedDeque<RpcClient> idle = new ConcurrentLinkedDeque<>();
    private volatile Runnable onReach = () -> { };

    DaemonLink(DaemonConnector connector) {
        this.connector = connector;
    }

    /** Run after each connection a tool call opens (the resource watch follows the daemon it reached). */
    void onReach(Runnable r) {
        this.onReach = r;
    }

    /**
     * Calls a method; the daemon's error message becomes a {@link ToolError} as it is. A kept connection that
     * turns out broken (the daemon was restarted since) is dropped with the other kept ones, and the call is made
     * once more on a new one.
     */
    Map<String, Object> call(String method, Map<String, ?> params) {
        RpcClient kept = idle.poll();
        if (kept != null) {
            try {
                return answer(kept, method, params);
            } catch (IOException e) {
                close();
            }
        }
        try {
            return answer(open(), method, params);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** The call on a client that is given back when the daemon answered, closed when the connection broke. */
    private Map<String, Object> answer(RpcClient client, String method, Map<String, ?> params) throws IOException {
        try {
            Object result = client.call(method, params);
            idle.push(client);
            return JsonObjects.object(result);
        } catch (RpcError e) {
            idle.push(client);
            throw new ToolError(e.getMessage(), e.errorCode() == ErrorCode.NOT_FOUND);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** Calls on a client held for a subscription or a long wait, with the same error mapping. */
    static Object call(RpcClient client, String method, Map<String, ?> params) {
        try {
            return client.call(method, params);
        } catch (RpcError e) {
            throw new ToolError(e.getMessage(), e.errorCode() == ErrorCode.NOT_FOUND);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private static ToolError lost(IOException e) {
        return new ToolError("lost the connection to the tend daemon (" + e.getMessage() + "); try again");
    }

    /** A connection of its own for a tool call (a subscription, a long wait); the caller closes it. */
    RpcClient open() {
        RpcClient c = connect();
        onReach.run();
        return c;
    }

    /**
     * A connection that tells nobody (the resource watch's own), starting the daemon if it must. One at a time:
     * the connector's spawn lock is a file lock, which a JVM may hold only once.
     */
    synchronized RpcClient connect() {
        try {
            return connector.connect().client();
        } catch (DaemonUnavailableException e) {
            throw new ToolError("cannot reach the tend daemon: " + firstLine(e.getMessage()));
        }
    }

    /** A connection to the daemon if one runs, else null: never starts one. */
    synchronized RpcClient connectIfRunning() {
        try {
            DaemonConnector.Connection c = connector.connectIfRunning();
            return c == null ? null : c.client();
        } catch (DaemonUnavailableException e) {
            return null;
        }
    }

    static void closeQuietly(RpcClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a socket that is gone anyway
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Closes the kept connections. */
    @Override
    public void close() {
        RpcClient c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }
}
