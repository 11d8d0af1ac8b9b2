package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.SupervisorListener;
import dev.tend.daemon.core.logs.LogLine;

import java.util.List;

/**
 * Feeds the supervisor's events into the bus (which gives each the one daemon-wide seq, shared with jobs) and log
 * writes into the tailer. Seeded with the supervisor's snapshot, taken under the supervisor's lock as the feed
 * becomes a listener: the feed hears exactly the changes after it. Usage subscribers get the running services' CPU
 * and memory from a {@link UsageSampler}.
 */
public final class SupervisorFeed implements SupervisorListener {
    private final EventBus bus;
    private final LogTailer tailer;

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
            bus.seed(view.projects(), view.services());
        }
        UsageSampler.attach(supervisor::sampleUsage, bus);
        return feed;
    }

    @Override
    public synchronized void serviceChanged(ServiceSnapshot service) {
        bus.serviceChanged(service);
        tailer.serviceSeen(service.project(), service.name());
    }

    @Override
    public synchronized void serviceRemoved(String project, String service) {
        bus.serviceRemoved(project, service);
    }

    @Override
    public synchronized void projectChanged(ProjectInfo project) {
        bus.projectChanged(project);
    }

    @Override
    public synchronized void projectRemoved(String project) {
        bus.projectRemoved(project);
    }

    @Override
    public void logAppended(String project, String service, List<LogLine> lines) {
        tailer.linesWritten(project, service);
    }
}
