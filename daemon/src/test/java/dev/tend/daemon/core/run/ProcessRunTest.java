package dev.tend.daemon.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.OwnProcesses;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import dev.tend.daemon.core.process.ProcessLauncher;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.time.VirtualTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run's life over real children: on record before its fork, its end after its tree is gone and its output
 * drained, its stop sequence, and what a failure at each step leaves (nothing). Every child carries this test's
 * marker; clean-up kills only what carries it.
 */
class ProcessRunTest {

    private static final long DEADLINE_MILLIS = 30_000;

    @TempDir
    Path dir;

    private final OwnProcesses own = new OwnProcesses();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final VirtualTimer timer = new VirtualTimer();
    private final Record record = new Record();
    private final List<String> launched = new CopyOnWriteArrayList<>();

    @AfterEach
    void killWhatTheTestStarted() throws InterruptedException {
        own.killAll();
        pacer.shutdownNow();
        worker.shutdownNow();
    }

    /** The launcher of the daemon, noting each launch in the record's order of events. */
    private final ProcessLauncher launcher = new ProcessLauncher() {
        private final PosixProcessLauncher real = new PosixProcessLauncher();

        @Override
        public dev.tend.daemon.core.process.ChildProcess launch(String command, Path cwd, Map<String, String> env)
                throws IOException {
            launched.add(command);
            record.events.add("launch");
            if (command.startsWith("cannot-start")) {
                throw new IOException("no such program: " + command);
            }
            return real.launch(command, cwd, env);
        }
    };

    /** The daemon's process control, each call passed on: a test overrides the one call it stages. */
    private static class RealControl implements dev.tend.daemon.core.process.ProcessControl {
        private final dev.tend.daemon.core.process.ProcessControl real = new PosixProcessControl();

        @Override public void signalGroup(long pgid, Signal signal) { real.signalGroup(pgid, signal); }
        @Override public void signal(long pid, Signal signal) { real.signal(pid, signal); }
        @Override public Set<Long> tree(long pid) { return real.tree(pid); }
        @Override public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) {
            real.signalOutsideGroup(pgid, pids, signal);
        }
        @Override public Set<Long> marked(String token) { return real.marked(token); }
        @Override public void kill(Set<Long> pids) { real.kill(pids); }
        @Override public java.util.Optional<Instant> startTime(long pid) { return real.startTime(pid); }
        @Override public ResourceUsage usage(Set<Long> pids) { return real.usage(pids); }
        @Override public dev.tend.daemon.core.process.ProcessTable table() { return real.table(); }
    }

    private RunStarter starter(Duration drainTimeout) {
        return new RunStarter(launcher, new PosixProcessControl(), timer, pacer, worker, drainTimeout);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(own.marker());
        env.put("PATH", "/usr/bin:/bin");
        env.put("RUN_VAR", "from the run");
        return env;
    }

    private ProcessRun start(String command) throws IOException {
        return start(command, new Collected());
    }

    private ProcessRun start(String command, RunStarter.Output output) throws IOException {
        return starter(Duration.ofSeconds(30)).start("test/run", command, dir, env(), record, output);
    }

    private ProcessRun startOwn(String command) throws IOException {
        return starter(Duration.ofSeconds(30)).start("test/run", command, dir, env(), new Record(), new Collected());
    }

    private static RunEnd endOf(ProcessRun run) throws Exception {
        return run.end().get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)
                || statState(pid) == 'Z';
    }

    private static char statState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return 'X';
        }
    }

    private String awaitFile(String name) throws Exception {
        Path f = dir.resolve(name);
        await(name + " is written", () -> {
            try {
                return Files.exists(f) && Files.readString(f).endsWith("\n");
            } catch (IOException e) {
                return false;
            }
        });
        return Files.readString(f).strip();
    }

    @Test
    void aRunIsOnRecordBeforeItsForkWithItsPidAfterAndForgottenOnlyWhenItsOwnerSaysSo() throws Exception {
        ProcessRun run = start("exit 0");

        RunEnd end = endOf(run);
        assertEquals(List.of("put", "launch", "started " + run.pid()), record.events);
        assertEquals(ExitStatus.exited(0), end.status());
        assertFalse(end.treeKilled());
        assertTrue(run.hasExited());
        assertTrue(record.startTime != null && !record.startTime.isAfter(Instant.now()), "start time recorded");

        run.forget();
        assertEquals("remove", record.events.get(record.events.size() - 1));
    }

    @Test
    void aLaunchThatCannotBePutOnRecordForksNothing() {
        record.failPut = true;

        assertThrows(IllegalStateException.class, () -> start("sleep 1000"));
        assertEquals(List.of("put"), record.events);
        assertTrue(launched.isEmpty());
    }

    @Test
    void aLaunchThatFailsBeforeItsForkTakesItsRecordBack() {
        IOException e = assertThrows(IOException.class, () -> start("cannot-start here"));

        assertEquals("no such program: cannot-start here", e.getMessage());
        assertEquals(List.of("put", "launch", "remove"), record.events);
    }

    @Test
    void aLaunchThatFailsAfterItsForkKillsTheChildAndTakesItsRecordBack() throws Exception {
        record.failStarted = true;

        assertThrows(IllegalStateException.class, () -> start("exec sleep 1000"));

        String started = record.events.get(2);
        assertTrue(started.startsWith("started "), started);
        long pid = Long.parseLong(started.substring("started ".length()));
        await("the child is killed", () -> gone(pid));
        assertEquals(List.of("put", "launch", started, "remove"), record.events);
    }

    @Test
    void theEndCarriesTheExitStatusAndWaitsForTheOutputToDrain() throws Exception {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        Collected output = new Collected();
        CompletableFuture<CompletableFuture<Void>> copied = new CompletableFuture<>();
        ProcessRun run = start("echo out; echo err >&2; exit 3", (out, err) -> {
            copied.complete(output.capture(out, err));
            return drained;
        });

        await("the main process exits", run::hasExited);
        assertFalse(run.end().isDone(), "the end waits for the output");

        drained.complete(null);
        RunEnd end = endOf(run);
        assertEquals(ExitStatus.exited(3), end.status());
        copied.get().get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals("out\n", output.stdout());
        assertEquals("err\n", output.stderr());
    }

    @Test
    void anOutputThatNeverDrainsHoldsTheEndOnlyForTheDrainTimeout() throws Exception {
        ProcessRun run = starter(Duration.ofMillis(50)).start("test/run", "exit 4", dir, env(), record,
                (out, err) -> new CompletableFuture<>());

        assertEquals(ExitStatus.exited(4), endOf(run).status());
    }

    @Test
    void whatTheMainProcessLeftDiesWithIt() throws Exception {
        Path pidFile = dir.resolve("left");
        ProcessRun run = start("setsid sleep 1000 > /dev/null 2>&1 & echo $! > " + pidFile + "; sleep 0.2; exit 0");

        long left = Long.parseLong(awaitFile("left"));
        RunEnd end = endOf(run);

        assertEquals(ExitStatus.exited(0), end.status());
        await("the detached leftover is killed", () -> gone(left));
    }

    @Test
    void aLeftoverForkedWhileTheLeftoversAreKilledDiesBeforeTheRunEnds() throws Exception {
        List<Long> forked = new CopyOnWriteArrayList<>();
        // A leftover that forks in the moment between the look and the kill: its child was in no look yet.
        dev.tend.daemon.core.process.ProcessControl forkingOnKill = new RealControl() {
            @Override public void kill(Set<Long> pids) {
                super.kill(pids);
                if (forked.isEmpty()) {
                    forked.add(forkMarked());
                }
            }
        };
        RunStarter starter = new RunStarter(launcher, forkingOnKill, timer, pacer, worker, Duration.ofSeconds(30));
        ProcessRun run = starter.start("test/run", "echo $TEND_RUN > " + dir.resolve("token")
                + "; sleep 1000 > /dev/null 2>&1 & exit 3", dir, env(), record, new Collected());

        RunEnd end = endOf(run);

        assertEquals(ExitStatus.exited(3), end.status());
        assertFalse(end.treeKilled(), "it was not stopped: its leftovers were killed");
        assertEquals(1, forked.size());
        assertTrue(gone(forked.get(0)), "the leftover's child, forked after the look, is gone before the end");
    }

    private long forkMarked() {
        try {
            ProcessBuilder pb = new ProcessBuilder("sleep", "1000").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(own.marker());
            pb.environment().put(dev.tend.daemon.core.process.RunToken.VARIABLE,
                    Files.readString(dir.resolve("token")).trim());
            Process p = pb.start();
            await("the forked child runs sleep", () -> {
                try {
                    return Files.readString(Path.of("/proc/" + p.pid() + "/comm")).trim().equals("sleep");
                } catch (IOException e) {
                    return false;
                }
            });
            return p.pid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStopSignalsTheTreeAndAStopOnlyBeginsOnce() throws Exception {
        ProcessRun run = start("exec sleep 1000");

        assertTrue(run.stop(Signal.TERM, Duration.ofSeconds(60)));
        assertFalse(run.stop(Signal.TERM, Duration.ofSeconds(60)), "a second stop begins nothing");

        RunEnd end = endOf(run);
        assertEquals(ExitStatus.killed(Signal.TERM.number()), end.status());
        assertFalse(end.treeKilled());
    }

    @Test
    void manyRunsStopTogetherEachByItsOwnSignalAndOnlyThoseNotAlreadyStoppingOrOver() throws Exception {
        // each run its own record, so its own token: a run's tree is every process that carries its token
        ProcessRun web = startOwn("exec sleep 1000");
        ProcessRun worker = startOwn("exec sleep 1000");
        ProcessRun stopping = startOwn("trap '' TERM; echo > " + dir.resolve("trapped") + "; while :; do sleep 0.05; done");
        ProcessRun over = startOwn("exit 0");
        awaitFile("trapped");
        endOf(over);
        assertTrue(stopping.stop(Signal.TERM, Duration.ofSeconds(10)));

        List<ProcessRun> begun = ProcessRun.stopAll(List.of(
                new ProcessRun.Stop(web, Signal.TERM, Duration.ofSeconds(60)),
                new ProcessRun.Stop(worker, Signal.INT, Duration.ofSeconds(60)),
                new ProcessRun.Stop(stopping, Signal.KILL, Duration.ofSeconds(60)),
                new ProcessRun.Stop(over, Signal.TERM, Duration.ofSeconds(60))));

        assertEquals(List.of(web, worker), begun);
        assertEquals(ExitStatus.killed(Signal.TERM.number()), endOf(web).status());
        assertEquals(ExitStatus.killed(Signal.INT.number()), endOf(worker).status());
        assertFalse(stopping.hasExited(), "its own stop goes on: the batch's SIGKILL was not sent to it");
        timer.advance(Duration.ofSeconds(10));
        assertTrue(endOf(stopping).treeKilled());
    }

    @Test
    void runsStoppedTogetherAreStillStoppedEachByItsOwnSignalWhenTheSharedLookFails() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failedLooks = new java.util.concurrent.atomic.AtomicInteger();
        dev.tend.daemon.core.process.ProcessControl failingOnce = new RealControl() {
            @Override public dev.tend.daemon.core.process.ProcessTable table() {
                if (failedLooks.compareAndSet(0, 1)) {
                    throw new IllegalStateException("/proc cannot be read just now");
                }
                return super.table();
            }
        };
        RunStarter starter = new RunStarter(launcher, failingOnce, timer, pacer, worker, Duration.ofSeconds(30));
        ProcessRun web = starter.start("test/web", "exec sleep 1000", dir, env(), new Record(), new Collected());
        ProcessRun api = starter.start("test/api", "exec sleep 1000", dir, env(), new Record(), new Collected());

        List<ProcessRun> begun = ProcessRun.stopAll(List.of(new ProcessRun.Stop(web, Signal.TERM, Duration.ofSeconds(60)),
                new ProcessRun.Stop(api, Signal.INT, Duration.ofSeconds(60))));

        assertEquals(1, failedLooks.get(), "the shared look failed");
        assertEquals(List.of(web, api), begun);
        assertEquals(ExitStatus.killed(Signal.TERM.number()), endOf(web).status());
        assertEquals(ExitStatus.killed(Signal.INT.number()), endOf(api).status());
    }

    @Test
    void aStopAfterTheMainProcessExitedBeginsNothing() throws Exception {
        ProcessRun run = start("exit 0");
        endOf(run);

        assertFalse(run.stop(Signal.TERM, Duration.ofSeconds(60)));
    }

    @Test
    void aTreeThatIgnoresTheStopSignalIsKilledAtTheTimeoutAndTheEndSaysSo() throws Exception {
        ProcessRun run = start("trap '' TERM; echo > " + dir.resolve("trapped") + "; while :; do sleep 0.05; done");
        awaitFile("trapped");

        assertTrue(run.stop(Signal.TERM, Duration.ofSeconds(10)));
        timer.advance(Duration.ofSeconds(9));
        assertFalse(run.hasExited(), "still there before its timeout");

        timer.advance(Duration.ofSeconds(1));
        RunEnd end = endOf(run);
        assertEquals(ExitStatus.killed(Signal.KILL.number()), end.status());
        assertTrue(end.treeKilled());
    }

    @Test
    void aStopWaitsForTheRestOfTheTreeAfterTheMainProcessExits() throws Exception {
        // The main process is a shell above the program: it ends at the signal, its child keeps the stop's timeout.
        Path pidFile = dir.resolve("child");
        ProcessRun run = start("sh -c 'trap \"\" TERM; echo $$ > " + pidFile + "; while :; do sleep 0.05; done' & wait");
        long child = Long.parseLong(awaitFile("child"));

        run.stop(Signal.TERM, Duration.ofSeconds(10));
        await("the main process exits", run::hasExited);
        assertFalse(run.end().isDone(), "the end waits for the tree");
        assertFalse(gone(child));

        timer.advance(Duration.ofSeconds(10));
        assertTrue(endOf(run).treeKilled());
        assertTrue(gone(child));
    }

    @Test
    void killEndsTheWholeTreeAtOnce() throws Exception {
        Path pidFile = dir.resolve("child");
        ProcessRun run = start("trap '' TERM; sleep 1000 & echo $! > " + pidFile + "; wait");
        long child = Long.parseLong(awaitFile("child"));

        run.kill();

        assertEquals(ExitStatus.killed(Signal.KILL.number()), endOf(run).status());
        await("the child is killed", () -> gone(child));
    }

    @Test
    void aStopCommandAsksInTheRunsDirectoryWithTheRunsEnvironment() throws Exception {
        String ask = "printf '%s %s\\n' \"$(pwd -P)\" \"$RUN_VAR\" > asked.tmp; mv asked.tmp asked";
        ProcessRun run = start("while [ ! -f asked ]; do sleep 0.05; done; exit 7");

        assertTrue(run.stop(Signal.TERM, Duration.ofSeconds(60), ask));

        RunEnd end = endOf(run);
        assertEquals(ExitStatus.exited(7), end.status(), "it ended by the command, not by the signal");
        assertFalse(end.treeKilled());
        assertEquals(dir.toRealPath() + " from the run", Files.readString(dir.resolve("asked")).strip());
        assertEquals(List.of("while [ ! -f asked ]; do sleep 0.05; done; exit 7", ask), launched);
    }

    @Test
    void aStopCommandThatFailsWhileTheRunIsStillThereFallsBackToTheSignal() throws Exception {
        ProcessRun run = start("exec sleep 1000");

        run.stop(Signal.TERM, Duration.ofSeconds(60), "exit 1");

        assertEquals(ExitStatus.killed(Signal.TERM.number()), endOf(run).status());
    }

    @Test
    void aStopCommandThatCannotStartFallsBackToTheSignal() throws Exception {
        ProcessRun run = start("exec sleep 1000");

        run.stop(Signal.INT, Duration.ofSeconds(60), "cannot-start stop");

        assertEquals(ExitStatus.killed(Signal.INT.number()), endOf(run).status());
    }

    @Test
    void aStopCommandThatSucceedsSendsNoSignal() throws Exception {
        // The command succeeds without stopping anything: the run is left to its timeout, no signal goes out.
        ProcessRun run = start("trap 'echo > term; exit 0' TERM; while :; do sleep 0.05; done");

        run.stop(Signal.TERM, Duration.ofSeconds(10), "echo > asked");
        awaitFile("asked");
        timer.advance(Duration.ofSeconds(10));

        RunEnd end = endOf(run);
        assertTrue(end.treeKilled());
        assertFalse(Files.exists(dir.resolve("term")), "no TERM was sent");
    }

    @Test
    void whatAStopCommandPrintsGoesToTheDaemonsLogBoundedInLinesAndLength() throws Exception {
        try (StopCommandLog logged = new StopCommandLog()) {
            List<String> out = stopWithCommandPrinting(61, logged);

            assertEquals(StopCommand.MAX_LOGGED_LINES + 1, out.size(), out.toString());
            assertEquals("stop_command of test/run: " + "x".repeat(StopCommand.MAX_LINE_CHARS) + "…", out.get(0));
            assertEquals("stop_command of test/run: line 49", out.get(StopCommand.MAX_LOGGED_LINES - 1));
            assertEquals("stop_command of test/run: 11 more lines not logged", out.get(StopCommand.MAX_LOGGED_LINES));
        }
    }

    @Test
    void aStopCommandThatPrintsJustTheLinesLoggedSaysNothingMore() throws Exception {
        try (StopCommandLog logged = new StopCommandLog()) {
            List<String> out = stopWithCommandPrinting(StopCommand.MAX_LOGGED_LINES, logged);

            assertEquals(StopCommand.MAX_LOGGED_LINES, out.size(), out.toString());
            assertEquals("stop_command of test/run: line 49", out.get(StopCommand.MAX_LOGGED_LINES - 1));
        }
    }

    /**
     * Stops a run with a stop_command that prints a line of 600 x, then lines "line 1" on (the whole count given),
     * then one line to stderr; answers what was logged of stdout once both streams are (the count includes the x).
     */
    private List<String> stopWithCommandPrinting(int lines, StopCommandLog logged) throws Exception {
        ProcessRun run = start("while [ ! -f asked ]; do sleep 0.05; done");
        run.stop(Signal.TERM, Duration.ofSeconds(60), "head -c 600 /dev/zero | tr '\\0' x; echo;"
                + " i=1; while [ $i -lt " + lines + " ]; do echo line $i; i=$((i+1)); done; echo to-stderr >&2;"
                + " echo > asked");
        endOf(run);
        worker.shutdown(); // the command's streams are logged on the worker: done once it ends
        assertTrue(worker.awaitTermination(DEADLINE_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(logged.messages().contains("stop_command of test/run: to-stderr"), logged.messages().toString());
        return logged.messages().stream().filter(m -> !m.endsWith("to-stderr")).toList();
    }

    /** What StopCommand logs, while open. */
    private static final class StopCommandLog implements AutoCloseable {
        private final ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(StopCommand.class);
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        private final ch.qos.logback.classic.Level before = logger.getLevel();

        StopCommandLog() {
            appender.start();
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
            logger.addAppender(appender);
        }

        List<String> messages() {
            synchronized (appender) {
                return appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    @Test
    void anAbandonedRunIsKilledAndItsRecordRemoved() throws Exception {
        ProcessRun run = start("exec sleep 1000");

        RuntimeException why = new IllegalStateException("the owner is shutting down");
        run.abandon(why);

        assertEquals(ExitStatus.killed(Signal.KILL.number()), endOf(run).status());
        assertEquals("remove", record.events.get(record.events.size() - 1));
    }

    @Test
    void theEndOfAChildWhoseWaitFailedCountsAsKilled() throws Exception {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        dev.tend.daemon.core.process.ChildProcess broken = new dev.tend.daemon.core.process.ChildProcess() {
            @Override public long pid() { return 2147483647L; }
            @Override public Instant startTime() { return Instant.EPOCH; }
            @Override public InputStream stdout() { return InputStream.nullInputStream(); }
            @Override public InputStream stderr() { return InputStream.nullInputStream(); }
            @Override public CompletableFuture<ExitStatus> onExit() { return exit; }
        };
        ProcessRun run = new ProcessRun("test/broken", broken, record, starter(Duration.ofSeconds(30)), dir, env());
        run.capture(new Collected());

        exit.completeExceptionally(new IOException("wait failed"));

        assertEquals(ExitStatus.killed(Signal.KILL.number()), endOf(run).status());
    }

    /** A launch record that notes what was done to it, in order. */
    private static final class Record implements LaunchRecord {
        /** Its own per test: a run's tree is found by its token, and a mutation run runs tests side by side. */
        private final String token = java.util.UUID.randomUUID().toString().replace("-", "");
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean failPut;
        volatile boolean failStarted;
        volatile Instant startTime;

        @Override
        public String token() {
            return token;
        }

        @Override
        public void put() {
            events.add("put");
            if (failPut) {
                throw new IllegalStateException("the store is full");
            }
        }

        @Override
        public void started(long pid, Instant startTime) {
            events.add("started " + pid);
            this.startTime = startTime;
            if (failStarted) {
                throw new IllegalStateException("the store went away");
            }
        }

        @Override
        public void remove() {
            events.add("remove");
        }
    }

    /** Takes both streams whole, each on a thread of its own. */
    private static final class Collected implements RunStarter.Output {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @Override
        public CompletableFuture<Void> capture(InputStream stdout, InputStream stderr) {
            return CompletableFuture.allOf(CompletableFuture.runAsync(() -> copy(stdout, out)),
                    CompletableFuture.runAsync(() -> copy(stderr, err)));
        }

        private static void copy(InputStream in, ByteArrayOutputStream to) {
            try (in) {
                byte[] all = in.readAllBytes();
                synchronized (to) {
                    to.write(all);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String stdout() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String stderr() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
