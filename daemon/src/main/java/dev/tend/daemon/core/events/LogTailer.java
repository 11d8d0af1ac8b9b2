package dev.tend.daemon.core.events;

import dev.tend.daemon.core.logs.LogBudget;
import dev.tend.daemon.core.logs.LogPage;
import dev.tend.daemon.core.logs.LogPosition;
import dev.tend.daemon.core.logs.LogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns "lines were written to a service's log" into {@link Event.LogAppended} events that carry the lines and
 * the position after them, read back from the file: so events hold only what is on disk, in file order, with
 * positions that {@code logs.read after} understands, across rotation. Only services some subscriber wants are
 * read; bursts of writes are coalesced into reads on one thread, each split into events of at most a
 * {@link LogBudget} of lines, so that every log.appended fits the 1 MiB frame a peer may have to take in.
 */
public final class LogTailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogTailer.class);

    private final EventBus bus;
    private final BiFunction<String, String, Path> logFile;
    private final ExecutorService thread;
    /** Where the last event of each watched service ended. Guarded by itself. */
    private final Map<String, LogPosition> positions = new HashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** @param logFile the log file of (project, service) */
    public LogTailer(EventBus bus, BiFunction<String, String, Path> logFile) {
        this.bus = bus;
        this.logFile = logFile;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tend-log-tail");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts following the service from the current end of its log, unless it is followed already. Called when a
     * subscriber starts wanting its lines, after it subscribed, so the lines it gets begin at about that moment.
     */
    public void watch(String project, String service) {
        String key = project + "/" + service;
        synchronized (positions) {
            if (!positions.containsKey(key)) {
                positions.put(key, end(project, service));
            }
        }
    }

    /** A service came into existence (or changed): follow it from now on if a subscriber wants it. */
    public void serviceSeen(String project, String service) {
        if (bus.wantsLogs(project, service)) {
            submit(() -> {
                if (bus.wantsLogs(project, service)) {
                    watch(project, service);
                }
            });
        }
    }

    /** Lines reached the service's log file. Never blocks: the reading happens on the tailer's thread. */
    public void linesWritten(String project, String service) {
        String key = project + "/" + service;
        if (pending.add(key)) {
            submit(() -> {
                pending.remove(key);
                readNew(project, service, key);
            });
        }
    }

    /** Completes once every task submitted so far has run: tests wait for it instead of sleeping. */
    CompletableFuture<Void> idle() {
        return CompletableFuture.runAsync(() -> { }, thread);
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: the daemon is stopping
        }
    }

    private void readNew(String project, String service, String key) {
        LogPosition from;
        synchronized (positions) {
            if (!bus.wantsLogs(project, service)) {
                positions.remove(key); // lines will pass unread: the position would go stale
                return;
            }
            from = positions.get(key);
            if (from == null) {
                // Wanted but never watched (a race with subscribe): start here; these lines are not announced.
                positions.put(key, end(project, service));
                return;
            }
        }
        try {
            Path file = logFile.apply(project, service);
            LogBudget budget = LogBudget.forService(project, service);
            while (true) {
                LogPage page = LogReader.readAfter(file, from, budget, null);
                if (page.gap()) {
                    log.debug("log of {} rotated past a follower's position", key);
                }
                synchronized (positions) {
                    if (positions.get(key) != from) {
                        return; // forgotten meanwhile
                    }
                    positions.put(key, page.next());
                }
                if (!page.lines().isEmpty()) {
                    bus.logAppended(project, service, page.lines(), page.next());
                }
                if (!page.more()) {
                    return;
                }
                from = page.next();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read back the log of {}: {}", key, e.toString());
        }
    }

    private LogPosition end(String project, String service) {
        try {
            Path file = logFile.apply(project, service);
            if (!Files.exists(file)) {
                return LogPosition.START; // every line the file will ever get is new
            }
            return LogReader.end(file);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot find the end of the log of {}/{}: {}", project, service, e.toString());
            return LogPosition.START;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
