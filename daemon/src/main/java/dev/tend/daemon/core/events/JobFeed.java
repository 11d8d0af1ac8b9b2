package dev.tend.daemon.core.events;

import dev.tend.daemon.core.jobs.JobListener;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.core.jobs.JobSnapshot;

/**
 * Connects the job scheduler to the bus: each job change becomes a `job.changed` event, each removal a
 * `job.removed` event, with the next seq.
 * Attach before projects are registered, so the bus sees every job from its first appearance.
 */
public final class JobFeed implements JobListener {
    private final EventBus bus;

    private JobFeed(EventBus bus) {
        this.bus = bus;
    }

    public static JobFeed attach(JobScheduler jobs, EventBus bus) {
        JobFeed feed = new JobFeed(bus);
        jobs.addListener(feed);
        return feed;
    }

    @Override
    public void jobChanged(JobSnapshot job) {
        bus.jobChanged(job);
    }

    @Override
    public void jobRemoved(String project, String name) {
        bus.jobRemoved(project, name);
    }
}
