package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.SupervisorListener;
import dev.tend.daemon.core.logs.LogLine;

import java.util.List;

/**
 * Feeds the supervisor's events into the bus (which numbers them with its own daemon-wide seq, shared with jobs)
 * and log writes into the tailer. Seeded with the supervisor's snapshot; events the supervisor had queued before
 * that snapshot (seq at or below it) are already in it and are dropped. Usage subscribers get the running services'
 * CPU and memory from a {@link UsageSampler}.
 */
public final class SupervisorFeed implements SupervisorListener {
    private final EventBus bus;
    private final LogTailer tailer;
    private long seededAt;

    private SupervisorFeed(EventBus bus, LogTailer tailer) {
        this.bus = bus;
        this.tailer = tailer;
    }

    /** Connects the supervisor to the bus; from now on every change of the supervisor reaches the bus in order. */
    public static SupervisorFeed attach(Supervisor supervisor, EventBus bus, LogTailer tailer) {
        SupervisorFeed feed = new SupervisorFeed(bus, tailer);
        // Callbacks wait for the seed: they run on the supervisor's event thread and synchronize on the feed.
        synchronized (feed) {
            Supervisor.StateView view = supervisor.underLock(() -> {
                supervisor.addListener(feed);
                return supervisor.snapshot(null);
            });
            feed.seededAt = view.seq();
            bus.seed(view.projects(), view.services());
        }
        UsageSampler.attach(supervisor::sampleUsage, bus);
        return feed;
    }

    @Override
    public synchronized void serviceChanged(long seq, ServiceSnapshot service) {
        if (seq > seededAt) {
            bus.serviceChanged(service);
            tailer.serviceSeen(service.project(), service.name());
        }
    }

    @Override
    public synchronized void serviceRemoved(long seq, String project, String service) {
        if (seq > seededAt) {
            bus.serviceRemoved(project, service);
        }
    }

    @Override
    public synchronized void projectChanged(long seq, ProjectInfo project) {
        if (seq > seededAt) {
            bus.projectChanged(project);
        }
    }

    @Override
    public synchronized void projectRemoved(long seq, String project) {
        if (seq > seededAt) {
            bus.projectRemoved(project);
        }
    }

    @Override
    public void logAppended(String project, String service, List<LogLine> lines) {
        tailer.linesWritten(project, service);
    }
}
