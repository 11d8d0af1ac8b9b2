package dev.tend.tui.net;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonNotAnsweringException;
import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import dev.tend.tui.model.DaemonModel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The subscription connection: one thread that subscribes, feeds every notification to the model, and
 * re-subscribes after events.lagged. When the daemon goes away it waits for one to come back (it starts one
 * only the first time, or when the user asks, so `tend daemon stop` elsewhere is respected). A daemon
 * without events.subscribe is polled once a second instead. A subscription is silent while nothing changes, and
 * just as silent when the daemon is stopped (SIGSTOP) or hung: after {@link #SILENCE} without a word from it, a
 * second connection asks, and the status bar says "not answering" and why until it is heard again.
 */
public final class EventLink implements AutoCloseable {
    private static final long RETRY_MILLIS = 1000;
    /** How long the subscription may stay silent before the daemon is asked whether it still answers. */
    static final Duration SILENCE = Duration.ofSeconds(5);
    /** "usage" brings live CPU and memory (service.usage every 2 s); the daemon samples only while someone asks. */
    static final List<String> TOPICS = List.of("service", "job", "daemon", "usage");
    /** For a daemon that predates the usage topic: CPU and memory then stay as the last state event left them. */
    static final List<String> TOPICS_WITHOUT_USAGE = List.of("service", "job", "daemon");

    private final DaemonConnector connector;
    private final DaemonModel model;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private volatile boolean spawnWanted = true;
    private volatile RpcClient current;
    /** When the daemon was last heard from (System.nanoTime()). */
    private volatile long lastHeard = System.nanoTime();
    private Thread thread;
    private ScheduledExecutorService silenceCheck;

    public EventLink(DaemonConnector connector, DaemonModel model) {
        this.connector = connector;
        this.model = model;
    }

    public void start() {
        thread = new Thread(this::run, "tend-events");
        thread.setDaemon(true);
        thread.start();
        silenceCheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tend-silence-check");
            t.setDaemon(true);
            return t;
        });
        silenceCheck.scheduleWithFixedDelay(this::checkSilence, 1, 1, TimeUnit.SECONDS);
    }

    /** Past the silence, asks on a second connection whether the daemon answers (taking up to the answer timeout). */
    private void checkSilence() {
        RpcClient asked = current;
        long heardBefore = lastHeard;
        if (asked == null || System.nanoTime() - heardBefore < SILENCE.toNanos()) {
            return;
        }
        String why = connector.notAnswering();
        if (current != asked || lastHeard != heardBefore) {
            return; // heard meanwhile, or the link ended or was made anew (and said so): the answer is stale
        }
        if (why != null) {
            model.silent(why);
        } else {
            heard();
        }
    }

    private void heard() {
        lastHeard = System.nanoTime();
        model.answering();
    }

    /** Start the daemon if none is running, and connect now rather than at the next retry. */
    public void connectNow() {
        spawnWanted = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        while (running) {
            RpcClient client = null;
            try {
                boolean spawn = spawnWanted;
                spawnWanted = false;
                model.connecting(spawn ? "starting the daemon if needed" : "");
                DaemonConnector.Connection c = spawn ? connector.connect() : connector.connectIfRunning();
                if (c == null) {
                    model.disconnected("no daemon running; waiting for one (c starts it)");
                    pause();
                    continue;
                }
                client = c.client();
                lastHeard = System.nanoTime();
                current = client;
                if (!running) {
                    return;
                }
                model.connected(c.hello());
                follow(client);
            } catch (DaemonUnavailableException e) {
                model.disconnected(Daemon.firstLine(e.getMessage()));
                pause();
            } catch (DaemonNotAnsweringException e) {
                if (running) {
                    model.disconnected(Daemon.firstLine(e.getMessage()));
                    pause();
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    model.disconnected("the daemon went away; waiting for it (c starts it)");
                    pause();
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                current = null;
                closeQuietly(client);
            }
        }
    }

    private void follow(RpcClient client) throws IOException, InterruptedException {
        List<String> topics = TOPICS;
        while (running) {
            Map<String, Object> result;
            try {
                result = JsonObjects.object(client.call(Methods.EVENTS_SUBSCRIBE, Map.of("topics", topics)));
            } catch (RpcError e) {
                if (Daemon.methodNotFound(e)) {
                    poll(client);
                    return;
                }
                if (e.errorCode() == ErrorCode.INVALID_PARAMS && topics == TOPICS) {
                    topics = TOPICS_WITHOUT_USAGE;
                    continue;
                }
                throw new IOException("events.subscribe failed: " + e.getMessage());
            }
            heard();
            model.applySnapshot(result);
            while (running) {
                Map<String, Object> notification = client.nextNotification();
                heard();
                DaemonModel.Outcome o = model.apply(notification);
                if (o == DaemonModel.Outcome.RESUBSCRIBE) {
                    break; // the daemon cancelled the subscription: a fresh snapshot redraws everything
                }
            }
        }
    }

    /** For daemons that predate live events: re-read everything once a second. */
    private void poll(RpcClient client) throws IOException, InterruptedException {
        boolean jobs = true;
        while (running) {
            try {
                Map<String, Object> services = JsonObjects.object(client.call(Methods.SERVICE_LIST, Map.of()));
                Map<String, Object> projects = JsonObjects.object(client.call(Methods.PROJECT_LIST, Map.of()));
                Map<String, Object> jobList = null;
                if (jobs) {
                    try {
                        Object r = client.call(Methods.JOB_LIST, Map.of());
                        jobList = r instanceof List<?> ? Map.of("jobs", r) : JsonObjects.object(r);
                    } catch (RpcError e) {
                        jobs = !Daemon.methodNotFound(e);
                    }
                }
                heard();
                model.applyPoll(services, projects, jobList);
            } catch (RpcError e) {
                throw new IOException(e.getMessage());
            }
            synchronized (wake) {
                wake.wait(RETRY_MILLIS);
            }
        }
    }

    private void pause() {
        synchronized (wake) {
            try {
                if (running && !spawnWanted) {
                    wake.wait(RETRY_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (silenceCheck != null) {
            silenceCheck.shutdownNow();
        }
        closeQuietly(current);
        synchronized (wake) {
            wake.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    static void closeQuietly(RpcClient c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
