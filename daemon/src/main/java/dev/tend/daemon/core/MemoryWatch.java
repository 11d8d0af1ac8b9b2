package dev.tend.daemon.core;

import dev.tend.daemon.core.SerialState.Tx;
import dev.tend.daemon.core.health.MemorySize;
import dev.tend.daemon.core.process.ProcessControl.ResourceUsage;
import dev.tend.daemon.core.time.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * `max_memory`: samples the whole tree of every running service that has a limit, every {@link #INTERVAL} on the
 * injected {@link Timer}, with the {@link UsageMeter} (so the sample is also the service's usage, as ps shows it);
 * {@link dev.tend.daemon.core.health.MemoryStreak#SAMPLES} samples in a row above the limit end the run
 * ({@link ServiceMachine#endForHealth}). It ticks only while such a service runs. The process table is read on the
 * worker pool, outside the lock.
 */
final class MemoryWatch {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(MemoryWatch.class);

    private final ServiceMachine machine;
    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final UsageMeter meter;
    private final Timer timer;
    private final Executor worker;
    /** A tick is scheduled. Under the lock. */
    private boolean ticking;

    MemoryWatch(ServiceMachine machine, SerialState<SupervisorListener, Service> serial, ProjectRegistry projects,
                UsageMeter meter, Timer timer, Executor worker) {
        this.machine = machine;
        this.serial = serial;
        this.projects = projects;
        this.meter = meter;
        this.timer = timer;
        this.worker = worker;
    }

    /** The service has a run now, or new settings: with a limit, the sampling ticks (if it does not yet). Under the lock. */
    void watch(Service svc, Tx<Service> tx) {
        if (ticking || svc.run == null || !svc.spec.health().hasMemoryLimit()) {
            return;
        }
        ticking = true;
        tx.after(this::next);
    }

    private void next() {
        try {
            timer.schedule(INTERVAL, () -> worker.execute(this::tick));
        } catch (RejectedExecutionException e) {
            serial.locked(tx -> ticking = false); // shutting down
        }
    }

    private void tick() {
        List<Service.Run> runs = serial.locked(tx -> {
            List<Service.Run> list = limited().stream().map(s -> s.run).toList();
            ticking = !list.isEmpty();
            return list;
        });
        if (runs.isEmpty()) {
            return;
        }
        try {
            Map<Service.Run, ResourceUsage> measured = meter.measure(runs);
            serial.locked(tx -> {
                check(measured, tx);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("cannot sample the memory of limited services: {}", e.toString()); // the next tick may work
        }
        next();
    }

    private void check(Map<Service.Run, ResourceUsage> measured, Tx<Service> tx) {
        List<Service> limited = limited();
        meter.apply(limited, measured);
        for (Service s : limited) {
            ResourceUsage u = measured.get(s.run); // null: a run started since the look at the process table
            long limit = s.spec.health().maxMemoryBytes();
            if (u != null && s.run.memory.sample(u.rssBytes(), limit)) {
                machine.endForHealth(s, "memory", "memory limit (" + MemorySize.format(u.rssBytes()) + " > "
                        + MemorySize.format(limit) + ")", tx);
            }
        }
    }

    /** The services with a limit and a run that is up (not stopping). Under the lock. */
    private List<Service> limited() {
        return projects.allServices().stream().filter(s -> s.run != null && s.spec.health().hasMemoryLimit()
                && (s.state == ServiceState.RUNNING || s.state == ServiceState.READY)).toList();
    }
}
