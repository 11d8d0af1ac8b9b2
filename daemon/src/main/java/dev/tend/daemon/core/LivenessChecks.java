package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.Probe;
import dev.tend.daemon.core.probe.Probes;
import dev.tend.daemon.core.time.Timer;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The liveness checks of running services (`alive:`). They begin when a run first becomes READY and then check
 * once per interval, timed by the injected {@link Timer}; each check runs on the worker pool, outside the lock, and
 * only its outcome is applied under it. The settings are read afresh at each check, so a reload that changes them
 * applies at the next one. {@code failures} failed checks in a row end the run ({@link ServiceMachine#endForHealth});
 * the restart policy then treats the end as a crash.
 */
final class LivenessChecks {

    private final ServiceMachine machine;
    private final SerialState<SupervisorListener, Service> serial;
    private final Timer timer;
    private final Executor worker;

    LivenessChecks(ServiceMachine machine, SerialState<SupervisorListener, Service> serial, Timer timer,
                   Executor worker) {
        this.machine = machine;
        this.serial = serial;
        this.timer = timer;
        this.worker = worker;
    }

    /**
     * The service is READY: if it has a liveness probe and its run is not checked yet, the checks begin, the first
     * one interval from now (readiness has just passed). Under the lock.
     */
    void begin(Service svc, Tx<Service> tx) {
        Service.Run run = svc.run;
        Health.Alive alive = svc.spec.health().alive();
        if (run == null || alive == null || run.aliveChecking) {
            return;
        }
        run.aliveChecking = true;
        Duration interval = alive.interval();
        tx.after(() -> next(svc, run, interval));
    }

    private void next(Service svc, Service.Run run, Duration interval) {
        try {
            timer.schedule(interval, () -> worker.execute(() -> check(svc, run)));
        } catch (RejectedExecutionException e) {
            // the daemon is shutting down: nothing is checked any more
        }
    }

    private void check(Service svc, Service.Run run) {
        Probe probe = serial.locked(tx -> {
            if (!current(svc, run)) {
                return null;
            }
            Health.Alive alive = svc.spec.health().alive();
            if (alive == null) {
                run.aliveChecking = false; // a reload took the probe away; one put back begins anew
                return null;
            }
            return probeFor(alive, run);
        });
        if (probe == null) {
            return;
        }
        boolean passed;
        String problem;
        try {
            passed = probe.check();
            problem = passed ? null : probe.lastProblem() != null ? probe.lastProblem() : "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            passed = false;
            problem = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        boolean ok = passed;
        String why = problem;
        Duration again = serial.locked(tx -> {
            Health.Alive alive = svc.spec.health().alive();
            if (!current(svc, run) || alive == null) {
                return null;
            }
            if (run.alive.record(ok, why, alive.failures())) {
                machine.endForHealth(svc, "unhealthy", probe.describe() + " failed " + alive.failures()
                        + (alive.failures() == 1 ? " time" : " times in a row") + ": " + why, tx);
                return null;
            }
            machine.healthNoted(svc, tx);
            return alive.interval();
        });
        if (again != null) {
            next(svc, run, again);
        }
    }

    /** The run is the service's and READY: what its checks are for. */
    private static boolean current(Service svc, Service.Run run) {
        return svc.run == run && svc.state == ServiceState.READY && !svc.forgotten;
    }

    /**
     * The run's probe for these settings, built again when a reload changed them; one that cannot be built (a target
     * the project reader let through but the probe refuses) fails every check with why, rather than checking nothing.
     * Under the lock.
     */
    private static Probe probeFor(Health.Alive alive, Service.Run run) {
        if (!alive.probe().equals(run.aliveSpec)) {
            Probe probe;
            try {
                probe = Probes.create(alive.probe(), run.probeContext.withAttemptTimeout(alive.timeout()));
            } catch (IllegalArgumentException e) {
                probe = unbuildable(alive.probe().kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + alive.probe().target(), e.getMessage());
            }
            run.aliveProbe = probe;
            run.aliveSpec = alive.probe();
        }
        return run.aliveProbe;
    }

    private static Probe unbuildable(String what, String why) {
        return new Probe() {
            @Override
            public boolean check() {
                return false;
            }

            @Override
            public String lastProblem() {
                return why;
            }

            @Override
            public String describe() {
                return what;
            }
        };
    }
}
