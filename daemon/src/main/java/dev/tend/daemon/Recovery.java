package dev.tend.daemon;

import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.projects.ProjectRegistration;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.project.ProjectFileException;
import dev.tend.daemon.project.ProjectFiles;
import dev.tend.daemon.lifecycle.CrashLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * What a starting daemon does before it serves: begin reaping the children a crashed predecessor left (pid
 * and start time must both match; each service's start waits for its reap), re-register the projects and
 * ad-hoc services on record; and, once serving, start what the desired state says should run.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    static void restore(Supervisor supervisor, StateStore store, JobScheduler jobs) {
        // In the background, so the daemon answers at once; starts of the services concerned wait for it.
        supervisor.reapOrphans().whenComplete((reaped, e) -> {
            if (e != null) {
                log.warn("reaping what a previous daemon left failed: {}", e.toString());
            } else if (reaped > 0) {
                log.warn("stopped {} process trees left behind by a previous daemon", reaped);
            }
        });
        // Before the jobs are registered: each reads its last run from the store, which must already say how the runs
        // the last daemon left ended (not "running" until the next daemon start).
        int interrupted = jobs.recoverInterruptedRuns();
        if (interrupted > 0) {
            log.warn("{} job runs were under way when the previous daemon stopped; recorded as interrupted", interrupted);
        }
        int dropped = jobs.recoverQueuedRuns();
        if (dropped > 0) {
            log.warn("{} job runs were queued when the previous daemon stopped; recorded as skipped", dropped);
        }
        for (StateStore.ProjectRecord p : store.projects()) {
            if (Supervisor.ADHOC.equals(p.name())) {
                continue;
            }
            try {
                new ProjectRegistration(supervisor, jobs).register(ProjectFiles.read(p.file(), p.overrides(), p.baseEnv()).spec(), p.baseEnv());
            } catch (ProjectFileException e) {
                log.warn("project {} is registered but its file cannot be loaded now ({}); shown so in `tend ps -a`: "
                        + "`tend up` there restores it, `tend forget -p {}` unregisters it", p.name(), e.getMessage(), p.name());
                supervisor.registerUnloadable(p, "its file cannot be loaded: " + e.getMessage());
            } catch (RuntimeException e) {
                log.warn("cannot restore project {}: {}", p.name(), e.getMessage());
                supervisor.registerUnloadable(p, "cannot be restored: " + e.getMessage());
            }
        }
        supervisor.restoreAdhoc();
        jobs.restoreAdhoc();
    }

    /**
     * Starts what should run, and the jobs' schedules (with catch-up runs); no service when the daemons before
     * died of a bug again and again ({@link CrashLoop}: `held` says why, and the first client hears it).
     */
    static void startDesired(Supervisor supervisor, JobScheduler jobs, Optional<String> held, StartNotices notices) {
        jobs.start();
        if (held.isPresent()) {
            log.warn("{}", held.get());
            notices.add(held.get());
            return;
        }
        supervisor.restoreDesired().whenComplete((v, e) -> {
            if (e != null) {
                log.warn("not every service that should run came up: {}", e.getMessage());
            }
        });
    }
}
