package dev.tend.daemon.core;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.run.LaunchRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * A launch's record kept as a {@link LiveChild} in the {@link StateStore}, which a daemon started after a crash
 * reaps ({@link OrphanReaper}). Crash tests halt the daemon at its steps: {@code <kind>.recorded} once it is on
 * record, {@code <kind>.forked} once the child runs.
 *
 * @param launching the record before the fork (see {@link LiveChild#launching})
 * @param kind      names the halt points: "launch" for a service's, "job" for a job's
 */
public record StoredLaunch(StateStore store, LiveChild launching, String kind) implements LaunchRecord {

    private static final Logger log = LoggerFactory.getLogger(StoredLaunch.class);

    @Override
    public String token() {
        return launching.runToken();
    }

    @Override
    public void put() {
        store.putLiveChild(launching);
        HaltPoint.reached(kind + ".recorded");
    }

    @Override
    public void started(long pid, Instant startTime) {
        HaltPoint.reached(kind + ".forked");
        try {
            store.putLiveChild(launching.started(pid, startTime));
        } catch (RuntimeException e) {
            // The launch's record (pid 0) still holds the mark: a reaper finds the tree by it all the same.
            log.warn("could not record live child {} of {}/{}: {}", pid, launching.project(), launching.service(),
                    e.toString());
        }
    }

    @Override
    public void remove() {
        try {
            store.removeLaunch(launching.runToken());
        } catch (RuntimeException e) {
            log.warn("could not remove the record of {}/{}: {}", launching.project(), launching.service(), e.toString());
        }
    }
}
