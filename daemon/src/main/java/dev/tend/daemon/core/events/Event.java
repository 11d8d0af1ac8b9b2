package dev.tend.daemon.core.events;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogPosition;

import java.util.List;

/** What the bus hands to subscribers. State events (daemon.stopping too) carry the daemon-wide seq; the others do not. */
public sealed interface Event {

    /** Approximate bytes this event costs in a subscriber's queue, for the queue's byte bound. */
    default long weight() {
        return 512;
    }

    record ServiceChanged(long seq, ServiceSnapshot service) implements Event {
    }

    record ServiceRemoved(long seq, String project, String name) implements Event {
    }

    record ProjectChanged(long seq, ProjectInfo project) implements Event {
    }

    record ProjectRemoved(long seq, String name) implements Event {
    }

    /** @param job the job as the scheduler saw it after the change (mapped to a wire view by the RPC layer) */
    record JobChanged(long seq, JobSnapshot job) implements Event {

        public String project() {
            return job.project();
        }

        public String name() {
            return job.name();
        }
    }

    record JobRemoved(long seq, String project, String name) implements Event {
    }

    /**
     * Lines already in the service's log file, in file order; consecutive events of one service are contiguous
     * (each begins where the previous one's {@code next} ended) unless lines were rotated away in between.
     */
    record LogAppended(String project, String service, List<LogLine> lines, LogPosition next) implements Event {
        public LogAppended {
            lines = List.copyOf(lines);
        }

        @Override
        public long weight() {
            long w = 128;
            for (LogLine l : lines) {
                w += 64 + 2L * l.text().length();
            }
            return w;
        }
    }

    /** The daemon is going away: the last state event, numbered like the others. */
    record DaemonStopping(long seq, String reason) implements Event {
    }

    /**
     * The latest CPU and memory of running services (those the subscriber's filter selects). A measurement, not a
     * change of state: it has no seq, and the next sample supersedes it.
     */
    record ServiceUsage(List<dev.tend.daemon.core.ServiceUsage> services) implements Event {
        public ServiceUsage {
            services = List.copyOf(services);
        }

        @Override
        public long weight() {
            return 64 + 96L * services.size();
        }
    }

    /** The subscriber fell behind: {@code missed} events were dropped and its subscription is cancelled. */
    record Lagged(long missed) implements Event {
    }
}
