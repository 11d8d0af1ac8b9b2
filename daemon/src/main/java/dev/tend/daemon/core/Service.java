package dev.tend.daemon.core;

import dev.tend.daemon.core.health.AliveStatus;
import dev.tend.daemon.core.health.FailureStreak;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.health.MemoryStreak;
import dev.tend.daemon.core.probe.Probe;
import dev.tend.daemon.core.probe.ProbeContext;
import dev.tend.daemon.core.probe.ProbeRunner;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.process.CpuSampler;
import dev.tend.daemon.core.run.ProcessRun;
import dev.tend.daemon.core.time.Timer;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor's mutable record of one service. Every field is read and written only under the
 * supervisor's lock; work on the process itself happens outside it, on a {@link Run} that a late callback
 * compares with {@link #run} to tell whether it is stale.
 */
final class Service {

    /** One launch of the service's process. */
    static final class Run {
        final long generation;
        /** The child's life: its tree, output, record, stop sequence and end. */
        final ProcessRun process;
        final long pid;
        final Instant startedAt;
        final ProbeRunner probe;
        final CpuSampler cpu;
        /** What probes of this run are built from: its port, cwd and environment. */
        final ProbeContext probeContext;
        /** Its liveness checks in a row, and its memory samples in a row above the limit (under the lock). */
        final FailureStreak alive = new FailureStreak();
        final MemoryStreak memory = new MemoryStreak();
        /** Its liveness checks have begun (they begin once, at its first READY). */
        boolean aliveChecking;
        /** The liveness probe built for {@link #aliveSpec}; rebuilt when a reload changes the spec. */
        ProbeSpec aliveSpec;
        Probe aliveProbe;

        Run(long generation, ProcessRun process, Instant startedAt, ProbeRunner probe, CpuSampler cpu,
            ProbeContext probeContext) {
            this.generation = generation;
            this.process = process;
            this.pid = process.pid();
            this.startedAt = startedAt;
            this.probe = probe;
            this.cpu = cpu;
            this.probeContext = probeContext;
        }
    }

    final String project;
    ServiceSpec spec;

    ServiceState state = ServiceState.STOPPED;
    Instant stateSince;
    String reason;
    boolean desired;
    /** Removed from its project; its stop may still be running. */
    boolean forgotten;

    /** Incremented at each launch attempt. */
    long generation;
    /** A launch is in flight on a worker (state STARTING, no run yet). */
    boolean launching;
    /** STARTING without a launch: waiting for its dependencies to be READY. */
    boolean waitingForDeps;
    Run run;
    Instant startedAt;
    int port;
    /** The auto port given at an earlier start (kept in the store), offered again while it is free; 0: none yet. */
    int keptPort;
    /** Events emitted for this service so far: tells whether a change was already announced by a state change. */
    long emits;
    double cpuPercent;
    long rssBytes;

    /** Automatic restarts since the last start by hand. */
    int restarts;
    /** Consecutive quick restarts: what the restart policy counts towards max_restarts. */
    int quickRestarts;
    Integer exitCode;
    String signal;
    /** The last run ended with an exit value of its success_exit_codes (0 by default); false while none ended. */
    boolean endedWell;

    /** Identifies the pending backoff restart; a timer that finds another token here is stale. */
    Object backoffToken;
    Timer.Scheduled backoffTimer;

    /** The probe gave up: the coming exit is a failed start, described by this. */
    String probeFailure;
    /** tend ends the run for its health (unhealthy, over its memory limit): the coming exit is a failure, described by this. */
    String healthFailure;
    /** The user (or shutdown) asked it to stop: its exit ends in STOPPED, without restart. */
    boolean stopRequested;
    /** Completes when the current stop request has reached STOPPED. */
    CompletableFuture<Void> stopped;

    ServiceLog log;

    Service(String project, ServiceSpec spec, Instant now) {
        this.project = project;
        this.spec = spec;
        this.stateSince = now;
    }

    String name() {
        return spec.name();
    }

    String ref() {
        return project + "/" + spec.name();
    }

    /**
     * What a previous daemon kept of the service: its auto port, `failed` until a start or stop by hand, and a task
     * done in this boot (completed (0): a start that does not name it leaves it so).
     */
    void remember(StateStore.ServiceMemory memory) {
        if (memory == null) {
            return;
        }
        keptPort = memory.port();
        if (memory.failed() != null) {
            state = ServiceState.FAILED;
            reason = memory.failed();
        } else if (memory.completed()) {
            state = ServiceState.COMPLETED;
            exitCode = 0;
            endedWell = true;
        }
    }

    /** A task that ran to its end with success (exit 0, or a success_exit_codes value): a start that does not name it leaves it so. */
    boolean completedSuccessfully() {
        return state == ServiceState.COMPLETED && endedWell;
    }

    /**
     * Done for an {@code up --wait}: what a dependent's {@code ready} condition counts (ready, or an end with exit code
     * 0 that stays: a task completed, an on-failure service exited).
     */
    boolean upDone() {
        return Dependency.judge(Dependency.Condition.READY, state, endedWell) == Dependency.Verdict.MET;
    }

    /** "completed (3)", "crashed (SIGKILL)", "failed": how its last end reads in a dependent's reason. */
    String describeEnd() {
        String how = signal != null ? signal : exitCode != null ? exitCode.toString() : null;
        return state.wireName() + (how != null && state != ServiceState.FAILED ? " (" + how + ")" : "");
    }

    long pid() {
        return run == null ? 0 : run.pid;
    }

    ServiceSnapshot snapshot() {
        // The last sample of a run that has ended describes no process: a stopped service uses nothing.
        boolean alive = run != null;
        return new ServiceSnapshot(project, spec.name(), state, pid(), restarts, exitCode, signal, startedAt, stateSince,
                alive ? cpuPercent : 0, alive ? rssBytes : 0, port, reason, desired, aliveStatus(), spec.labels());
    }

    /** How its liveness checks stand; null without a liveness probe, or without a run they have begun on. */
    AliveStatus aliveStatus() {
        Health.Alive alive = spec.health().alive();
        if (alive == null || run == null || !run.aliveChecking) {
            return null;
        }
        return new AliveStatus(run.alive.failures(), alive.failures(), run.alive.lastError());
    }
}
