package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.time.Timer;
import dev.tend.daemon.core.watch.Burst;
import dev.tend.daemon.core.watch.DirectoryWatcher;
import dev.tend.daemon.core.watch.WatchRules;
import dev.tend.daemon.core.watch.WatchSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * `watch:`: a {@link DirectoryWatcher} per service that is wanted up and has the key, whose changes a {@link Burst}
 * turns into restarts through the supervisor's restart path. A watch opens when the service starts, and closes when
 * it is stopped, removed or forgotten, or the daemon stops; a stopped service ignores its files. The watcher's
 * directories are registered on the worker pool, outside the lock.
 */
final class ServiceWatches {

    /** The reason a crashed service under watch shows instead of backing off (ps, history, events). */
    static final String WAITING = "waiting for a change to a watched file";
    /**
     * Restarts in a row for changes to one file, each this soon after the run began, that look like the service's
     * own writes (a log, a database, a pid file in what it watches): it would restart for ever, so it is told once.
     */
    static final int OWN_WRITES_IN_A_ROW = 5;
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ServiceWatches.class);

    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final ServiceHistory history;
    private final Timer timer;
    private final Clock clock;
    private final Executor worker;
    private final Function<Service, CompletionStage<?>> restart;
    /** Under the lock. */
    private final Map<Service, Watch> open = new HashMap<>();

    /** One service's watch; its watcher arrives from the worker pool, or never if it is closed first. */
    private static final class Watch {
        final WatchSpec spec;
        final Path base;
        /** What it watches, decided once when it began; {@link #shape} tells whether that still holds. */
        final WatchRules rules;
        Burst burst;
        /** Under the lock: the file of the last restart, and how many restarts in a row it began soon after a start. */
        Path lastCause;
        int soonInARow;
        private DirectoryWatcher watcher;
        private boolean closed;

        Watch(WatchSpec spec, Path base, WatchRules rules) {
            this.spec = spec;
            this.base = base;
            this.rules = rules;
        }

        synchronized boolean attach(DirectoryWatcher w) {
            if (!closed) {
                watcher = w;
            }
            return !closed;
        }

        synchronized boolean intact() {
            return watcher == null || watcher.intact();
        }

        void close() {
            burst.close();
            synchronized (this) {
                closed = true;
                if (watcher != null) {
                    watcher.close();
                }
            }
        }
    }

    /** @param restart restarts the service as `tend restart` does; its stage completes when that is over */
    ServiceWatches(SerialState<SupervisorListener, Service> serial, ProjectRegistry projects, ServiceHistory history,
                   Timer timer, Clock clock, Executor worker, Function<Service, CompletionStage<?>> restart) {
        this.serial = serial;
        this.projects = projects;
        this.history = history;
        this.timer = timer;
        this.clock = clock;
        this.worker = worker;
        this.restart = restart;
    }

    /** The service is to run: its files are watched from now on (if it has `watch:`). Under the lock. */
    void open(Service svc, Tx<Service> tx) {
        WatchSpec spec = svc.spec.watch();
        Path base = base(svc);
        WatchRules rules = spec == null || base == null ? null : new WatchRules(base, spec, Files::isDirectory);
        Watch current = open.get(svc);
        if (current != null && current.spec.equals(spec) && current.base.equals(base) && current.intact()
                && shape(current.rules).equals(shape(rules))) {
            return;
        }
        close(svc);
        if (rules == null) {
            return;
        }
        Watch w = new Watch(spec, base, rules);
        w.burst = new Burst(timer, spec.debounce(), cause -> restartFor(svc, w, cause));
        open.put(svc, w);
        tx.after(() -> worker.execute(() -> start(svc, w)));
    }

    /** A reload changed `watch:` alone: a running service watches the new paths, a stopped one still none. */
    void changed(Service svc, Tx<Service> tx) {
        if (open.containsKey(svc)) {
            open(svc, tx);
        }
    }

    /** Its files no longer matter (stopped, removed, forgotten). Under the lock. */
    void close(Service svc) {
        Watch w = open.remove(svc);
        if (w != null) {
            w.close();
        }
    }

    /** The daemon stops. Under the lock. */
    void closeAll() {
        List.copyOf(open.keySet()).forEach(this::close);
    }

    /**
     * The directories the rules watch, and which of them whole: a path that was no directory when the watch began
     * (removed: `rm -rf src && mkdir src`) was watched as a file through its parent, and once it is a directory again
     * only a new watch sees inside it. A stat per path.
     */
    private static List<String> shape(WatchRules rules) {
        return rules.roots().stream().map(r -> r.dir() + (r.recursive() ? "/**" : "")).toList();
    }

    /** What watch paths are relative to: the service's cwd, else its project's directory (as it is launched). */
    private Path base(Service svc) {
        if (svc.spec.cwd() != null) {
            return svc.spec.cwd();
        }
        Project p = projects.get(svc.project);
        return p == null ? null : p.dir;
    }

    /** Whether the service's files are watched: then a change, not a backoff, restarts it after a crash. */
    boolean watching(Service svc) {
        return open.containsKey(svc);
    }

    private void start(Service svc, Watch w) {
        WatchRules rules = w.rules;
        String ref = svc.ref();
        try {
            DirectoryWatcher watcher = new DirectoryWatcher(svc.name(), rules, w.burst::changed,
                    why -> note(svc, why), DirectoryWatcher.MAX_DIRECTORIES);
            if (!w.attach(watcher)) {
                watcher.close(); // stopped while the directories were registered
            } else {
                log.debug("{} watches {} directories", ref, watcher.directories());
            }
        } catch (IOException | RuntimeException e) {
            note(svc, "cannot watch files: " + e.getMessage());
        }
    }

    private void note(Service svc, String why) {
        log.warn("{}: {}", svc.ref(), why);
        history.record(svc.project, svc.name(), "watch", 0, null, null, why);
    }

    /** The burst is over: restart, if the service is still wanted up under this watch. */
    private CompletionStage<?> restartFor(Service svc, Watch w, Path cause) {
        String file = cause == null ? null : shown(w.base, cause);
        Integer inARow = serial.locked(tx -> {
            if (open.get(svc) != w || !svc.desired || svc.forgotten) {
                return null;
            }
            boolean soon = svc.run != null && Duration.between(svc.run.startedAt, clock.instant()).compareTo(SOON) < 0;
            w.soonInARow = !soon ? 0 : cause != null && cause.equals(w.lastCause) ? w.soonInARow + 1 : 1;
            w.lastCause = cause;
            return w.soonInARow;
        });
        if (inARow == null) {
            return CompletableFuture.completedFuture(null);
        }
        history.record(svc.project, svc.name(), "watch", 0, null, null,
                "a watched file changed" + (file == null ? "" : " (" + file + ")") + ": restarting");
        if (inARow == OWN_WRITES_IN_A_ROW) {
            note(svc, "restarted " + inARow + " times in a row by changes to " + file + ", each soon after it "
                    + "started: if the service writes it, add it to ignore:");
        }
        return restart.apply(svc);
    }

    /** The path as the user wrote watch paths: relative to the service's directory when it is inside it. */
    private static String shown(Path base, Path path) {
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString() : path.toString();
    }
}
