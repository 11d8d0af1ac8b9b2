package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import dev.tend.daemon.core.time.VirtualTimer;
import dev.tend.daemon.store.SqliteJobStore;
import dev.tend.daemon.store.SqliteStore;
import dev.tend.daemon.testing.MutableClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A scheduler on real processes, a real SQLite file and real log files, with a clock the test moves and a
 * timer that only records what it was asked. close() shuts it down and kills every process a run started.
 */
final class JobHarness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    final Path dir;
    final MutableClock clock;
    final SqliteStore db;
    final SqliteJobStore store;
    final RecordingTimer timer = new RecordingTimer();
    /** Where runs' stop grace runs out: in virtual time. */
    final VirtualTimer stopTimer = new VirtualTimer();
    final PosixProcessControl control = new PosixProcessControl();
    final JobScheduler scheduler;
    final List<JobSnapshot> changes = new CopyOnWriteArrayList<>();
    final List<String> removed = new CopyOnWriteArrayList<>();
    private final Set<Long> pids = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static final class RecordingTimer implements JobTimer {
        volatile Instant requested;
        volatile boolean closed;

        @Override
        public void wakeAt(Instant when, Runnable task) {
            requested = when;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    JobHarness(Path dir, Instant start) {
        this(dir, new MutableClock(start));
    }

    JobHarness(Path dir, MutableClock clock) {
        this.dir = dir;
        this.clock = clock;
        this.db = SqliteStore.open(dir.resolve("tend.db"));
        this.store = new SqliteJobStore(db);
        JobsConfig config = new JobsConfig(dir.resolve("logs"), LogPolicy.DEFAULTS, "test", Duration.ofSeconds(2),
                Duration.ofSeconds(2), 3);
        this.scheduler = new JobScheduler(config, new PosixProcessLauncher(), control, store, db, clock, timer,
                stopTimer);
        scheduler.addListener(new JobListener() {
            @Override
            public void jobChanged(JobSnapshot job) {
                changes.add(job);
            }

            @Override
            public void jobRemoved(String project, String name) {
                removed.add(project + "/" + name);
            }
        });
    }

    JobSpec job(String name, String schedule, String command) {
        return new JobSpec(name, schedule, command, dir, Map.of(), ZoneOffset.UTC, JobSpec.Overlap.SKIP);
    }

    static JobSpec with(JobSpec j, JobSpec.Overlap overlap) {
        return new JobSpec(j.name(), j.schedule(), j.command(), j.cwd(), j.env(), j.timezone(), overlap, j.timeout(),
                j.catchUp());
    }

    static JobSpec withTimeout(JobSpec j, Duration timeout) {
        return new JobSpec(j.name(), j.schedule(), j.command(), j.cwd(), j.env(), j.timezone(), j.overlap(), timeout,
                j.catchUp());
    }

    static JobSpec withCatchUp(JobSpec j) {
        return new JobSpec(j.name(), j.schedule(), j.command(), j.cwd(), j.env(), j.timezone(), j.overlap(), j.timeout(),
                true);
    }

    void register(JobSpec... jobs) {
        scheduler.register("demo", ENV, List.of(jobs));
    }

    /** Runs that are started: their pids are remembered for close(). */
    List<java.util.concurrent.CompletableFuture<JobRun>> tick() {
        List<java.util.concurrent.CompletableFuture<JobRun>> started = scheduler.runDue();
        trackRunning();
        return started;
    }

    void trackRunning() {
        for (JobRun r : store.unfinishedRuns()) {
            if (r.pid() > 0) {
                pids.add(r.pid());
                pids.addAll(control.tree(r.pid()));
            }
        }
    }

    static JobRun join(java.util.concurrent.CompletableFuture<JobRun> f) throws Exception {
        return f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers a daily job that runs until {@link #release}("go") and runs it by hand; its pids are remembered. */
    RunRequest runUntilReleased(String name) throws Exception {
        register(job(name, "@daily", untilFile("go")));
        RunRequest request = scheduler.run("demo", name);
        join(request.started());
        trackRunning();
        return request;
    }

    JobSnapshot snapshot(String name) {
        return scheduler.snapshot("demo", name);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** No such process, or a zombie nobody reaps. */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true;
        }
    }

    void release(String file) throws IOException {
        Files.writeString(dir.resolve(file), "go");
    }

    /** A command that runs until the file exists. */
    static String untilFile(String file) {
        return "while [ ! -f " + file + " ]; do sleep 0.02; done";
    }

    @Override
    public void close() throws Exception {
        try {
            trackRunning();
            scheduler.shutdown().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            Set<Long> all = new HashSet<>(pids);
            for (long pid : pids) {
                all.addAll(control.tree(pid));
            }
            control.kill(all);
            db.close();
        }
    }
}
