package dev.tend.tui.net;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.Methods;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The command connection: start/stop/restart and job runs, one at a time on a thread of their own (a stop
 * can take a service's whole stop_timeout; the screen keeps drawing meanwhile). Each call reports back one
 * line for the status bar.
 */
public final class Commands implements AutoCloseable {
    /** One finished command: what to tell the user. */
    public record Result(String message, boolean failed) {
    }

    private final DaemonConnector connector;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tend-commands");
        t.setDaemon(true);
        return t;
    });
    private RpcClient client; // used on the command thread only
    /**
     * The service commands asked for and not begun yet: a held key (r, r, r, ...) asks for the same restart again
     * and again, and each would be a restart of its own, one after the other for as long as the key was held.
     */
    private final java.util.Set<String> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Commands(DaemonConnector connector) {
        this.connector = connector;
    }

    /** service.start / service.stop / service.restart on each ref, in order. */
    public void services(String method, List<String> refs, Consumer<Result> done) {
        String verb = switch (method) {
            case Methods.SERVICE_START -> "started";
            case Methods.SERVICE_STOP -> "stopped";
            case Methods.SERVICE_RESTART -> "restarted";
            default -> method;
        };
        String key = method + " " + String.join(" ", refs);
        if (!waiting.add(key)) {
            return; // the same command waits its turn already: it does what this one asks
        }
        thread.execute(() -> {
            waiting.remove(key);
            List<String> ok = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (String ref : refs) {
                try {
                    call(method, Map.of("ref", ref), true);
                    ok.add(ref);
                } catch (RpcError | IOException | DaemonUnavailableException e) {
                    failures.add(ref + ": " + Daemon.firstLine(e.getMessage()));
                }
            }
            if (failures.isEmpty()) {
                done.accept(new Result(verb + " " + String.join(", ", ok), false));
            } else {
                done.accept(new Result(String.join("; ", failures), true));
            }
        });
    }

    /** job.run {ref: project/name}: a run now, answered when it has started (or been queued). */
    public void runJob(String project, String name, Consumer<Result> done) {
        thread.execute(() -> {
            try {
                call(Methods.JOB_RUN, Map.of("ref", project + "/" + name), false);
                done.accept(new Result("started job " + project + "/" + name, false));
            } catch (RpcError e) {
                done.accept(new Result(Daemon.methodNotFound(e) ? "this daemon has no jobs"
                        : project + "/" + name + ": " + e.getMessage(), true));
            } catch (IOException | DaemonUnavailableException e) {
                done.accept(new Result(project + "/" + name + ": " + Daemon.firstLine(e.getMessage()), true));
            }
        });
    }

    /**
     * @param idempotent may be sent again on a fresh connection when the old one turned out dead (the daemon
     *                   was restarted since the last command)
     */
    private Object call(String method, Map<String, ?> params, boolean idempotent)
            throws IOException, RpcError, DaemonUnavailableException {
        boolean reused = client != null;
        try {
            return connection().call(method, params);
        } catch (IOException e) {
            EventLink.closeQuietly(client);
            client = null;
            if (reused && idempotent) {
                return connection().call(method, params);
            }
            throw e;
        }
    }

    private RpcClient connection() throws DaemonUnavailableException {
        if (client == null) {
            DaemonConnector.Connection c = connector.connectIfRunning();
            if (c == null) {
                throw new DaemonUnavailableException("no daemon is running");
            }
            client = c.client();
        }
        return client;
    }

    /** job.pause or job.resume {ref: project/name}: the job's schedule stops or goes on (durable). */
    public void pauseJob(String project, String name, boolean pause, Consumer<Result> done) {
        thread.execute(() -> {
            String ref = project + "/" + name;
            try {
                call(pause ? Methods.JOB_PAUSE : Methods.JOB_RESUME, Map.of("ref", ref), true);
                done.accept(new Result((pause ? "paused job " : "resumed job ") + ref, false));
            } catch (RpcError e) {
                done.accept(new Result(Daemon.methodNotFound(e) ? "this daemon cannot pause jobs (restart it)"
                        : ref + ": " + e.getMessage(), true));
            } catch (IOException | DaemonUnavailableException e) {
                done.accept(new Result(ref + ": " + Daemon.firstLine(e.getMessage()), true));
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
        EventLink.closeQuietly(client);
    }
}
