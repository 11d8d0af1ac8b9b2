package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner that repeats a probe: when it is ready, when it gives up, and what it leaves behind. */
class ProbeRunnerTest {

    private final ExecutorService worker = Executors.newCachedThreadPool();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    ProbeRunnerTest() {
        scheduler.setRemoveOnCancelPolicy(true); // a cancelled timer leaves the queue at once
    }

    @AfterEach
    void tearDown() {
        worker.shutdownNow();
        scheduler.shutdownNow();
    }

    /** Fails (false, then by throwing) until its third attempt. */
    private static final class PassesOnThirdAttempt implements Probe {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public boolean check() {
            int n = attempts.incrementAndGet();
            if (n == 2) {
                throw new IllegalStateException("not yet");
            }
            return n >= 3;
        }

        @Override
        public String describe() {
            return "third time";
        }
    }

    private static LogLine line(String text) {
        return new LogLine(Instant.now(), LogStream.OUT, text);
    }

    @Test
    void aProbeThatFailsAtFirstIsRetriedUntilItPassesWithinTheTimeout() throws Exception {
        PassesOnThirdAttempt probe = new PassesOnThirdAttempt();
        ProbeRunner runner = new ProbeRunner(probe, Duration.ofMillis(10), Duration.ofSeconds(60), scheduler, worker);
        assertSame(probe, runner.probe());
        runner.start();
        runner.ready().get(30, TimeUnit.SECONDS);
        assertEquals(3, probe.attempts.get(), "a failed or throwing attempt is followed by another; a pass ends it");
    }

    @Test
    void logLinesDoNotMakeAPolledProbeReady() {
        ProbeRunner runner = new ProbeRunner(new TcpProbe("127.0.0.1", 1, Duration.ofSeconds(1)), Duration.ofHours(1),
                Duration.ofHours(2), scheduler, worker);
        runner.onLines(List.of(line("listening on 1")));
        assertFalse(runner.ready().isDone());
        assertEquals(null, runner.probe().lastProblem(), "nothing checked yet, nothing to say");
    }

    @Test
    void aReadyLogProbeLeavesNoTimerBehind() throws Exception {
        ProbeRunner runner = new ProbeRunner(new LogProbe(Pattern.compile("up")), Duration.ofHours(1),
                Duration.ofHours(2), scheduler, Runnable::run);
        runner.start();
        awaitNextAttemptScheduled();
        runner.onLines(List.of(line("up")));
        assertTrue(runner.ready().isDone() && !runner.ready().isCompletedExceptionally());
        assertEquals(0, scheduler.getQueue().size(), "the next attempt's timer was cancelled");
    }

    @Test
    void cancellingStopsThePollingAndLeavesNoTimerBehind() throws Exception {
        ProbeRunner runner = new ProbeRunner(new LogProbe(Pattern.compile("up")), Duration.ofHours(1),
                Duration.ofHours(2), scheduler, Runnable::run);
        runner.start();
        awaitNextAttemptScheduled();
        runner.cancel();
        assertTrue(runner.ready().isCancelled());
        assertEquals(0, scheduler.getQueue().size(), "the next attempt's timer was cancelled");
    }

    @Test
    void aFirstAttemptThatEndsBeforeItsTimerIsHandedBackLeavesNoTimerBehindACancel() throws Exception {
        // A scheduler that lets the first attempt run (and queue the next) before it returns the first's future,
        // as a busy machine may: up to 2 s, which a runner that holds its lock meanwhile makes it wait out.
        ScheduledThreadPoolExecutor eager = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
                ScheduledFuture<?> f = super.schedule(task, delay, unit);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (delay == 0 && getCompletedTaskCount() < 1 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return f;
            }
        };
        eager.setRemoveOnCancelPolicy(true);
        try {
            ProbeRunner runner = new ProbeRunner(new LogProbe(Pattern.compile("up")), Duration.ofHours(1),
                    Duration.ofHours(2), eager, Runnable::run);
            runner.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (eager.getQueue().size() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            runner.cancel();
            assertEquals(0, eager.getQueue().size(), "the next attempt's timer was cancelled");
        } finally {
            eager.shutdownNow();
        }
    }

    /** The first attempt has run (on the scheduler's thread, the worker being direct) and queued the next. */
    private void awaitNextAttemptScheduled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(scheduler.getCompletedTaskCount() == 1 && scheduler.getQueue().size() == 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, scheduler.getQueue().size(), "the first attempt failed and scheduled the next");
    }

    @Test
    void aRunnerCancelledBeforeItStartedIsCancelled() {
        ProbeRunner runner = new ProbeRunner(new LogProbe(Pattern.compile("up")), Duration.ofSeconds(1),
                Duration.ofSeconds(2), scheduler, worker);
        assertDoesNotThrow(runner::cancel);
        assertTrue(runner.ready().isCancelled());
    }

    @Test
    void anAttemptDueWhenTheRunnerIsCancelledDoesNotCheck() throws Exception {
        PassesOnThirdAttempt probe = new PassesOnThirdAttempt();
        BlockingQueue<Runnable> due = new LinkedBlockingQueue<>();
        ProbeRunner runner = new ProbeRunner(probe, Duration.ofMillis(10), Duration.ofSeconds(60), scheduler,
                due::add);
        runner.start();
        Runnable attempt = due.poll(30, TimeUnit.SECONDS);
        assertNotNull(attempt, "the first attempt came due");
        runner.cancel();
        attempt.run();
        assertEquals(0, probe.attempts.get());
    }

    @Test
    void aRunnerOnAStoppedSchedulerGivesUpInsteadOfWaitingForever() {
        scheduler.shutdown();
        ProbeRunner runner = new ProbeRunner(new LogProbe(Pattern.compile("up")), Duration.ofSeconds(1),
                Duration.ofSeconds(2), scheduler, worker);
        runner.start();
        assertTrue(runner.ready().isCancelled());
    }

    @Test
    void anInterruptedAttemptKeepsTheInterruptForItsThreadAndStops() throws Exception {
        Probe interrupted = new Probe() {
            @Override
            public boolean check() throws InterruptedException {
                throw new InterruptedException();
            }

            @Override
            public String describe() {
                return "interrupted";
            }
        };
        CompletableFuture<Boolean> flagAfterAttempt = new CompletableFuture<>();
        ProbeRunner runner = new ProbeRunner(interrupted, Duration.ofMillis(10), Duration.ofSeconds(60), scheduler,
                r -> new Thread(() -> {
                    r.run();
                    flagAfterAttempt.complete(Thread.currentThread().isInterrupted());
                }).start());
        runner.start();
        assertTrue(flagAfterAttempt.get(30, TimeUnit.SECONDS), "the worker thread still knows it was interrupted");
        assertFalse(runner.ready().isDone());
    }
}
