package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessControl.ResourceUsage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU and memory of the services' whole process trees, from one look at the process table: measured outside the
 * supervisor's lock, then applied under it. CPU is measured since the previous sample of the run.
 */
final class UsageMeter {

    private final ProcessControl control;

    UsageMeter(ProcessControl control) {
        this.control = control;
    }

    /** Measures the runs' trees now. Call without the lock: it reads the process table. */
    Map<Service.Run, ResourceUsage> measure(List<Service.Run> runs) {
        Map<Long, Set<Long>> trees = control.trees(runs.stream().map(r -> r.pid).toList());
        Map<Service.Run, ResourceUsage> measured = new LinkedHashMap<>();
        for (Service.Run run : runs) {
            measured.put(run, control.usage(trees.getOrDefault(run.pid, Set.of())));
        }
        return measured;
    }

    /** Makes each sample its service's current usage (what its next snapshot carries). Call under the lock. */
    List<ServiceUsage> apply(List<Service> services, Map<Service.Run, ResourceUsage> measured) {
        List<ServiceUsage> out = new ArrayList<>();
        for (Service s : services) {
            ResourceUsage u = s.run == null ? null : measured.get(s.run);
            if (u != null) {
                // Under the lock, so a sample of a run that has just ended never lands on the service.
                s.cpuPercent = s.run.cpu.sample(u.cpuNanos());
                s.rssBytes = u.rssBytes();
                out.add(new ServiceUsage(s.project, s.name(), s.run.pid, s.cpuPercent, s.rssBytes));
            }
        }
        return out;
    }

    /** A service as it stood under the lock, with the run to measure (null when no process runs). */
    record Row(ServiceSnapshot snap, Service.Run run) {
    }

    /** The snapshots with their run's usage (zero where none was measured: not running, or ended meanwhile). */
    static List<ServiceSnapshot> withUsage(List<Row> rows, List<ServiceUsage> usage) {
        Map<Long, ServiceUsage> byPid = new HashMap<>();
        usage.forEach(u -> byPid.put(u.pid(), u));
        List<ServiceSnapshot> result = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ServiceUsage u = r.run() == null ? null : byPid.get(r.run().pid);
            result.add(u == null ? r.snap().withUsage(0, 0) : r.snap().withUsage(u.cpuPercent(), u.rssBytes()));
        }
        return result;
    }
}
