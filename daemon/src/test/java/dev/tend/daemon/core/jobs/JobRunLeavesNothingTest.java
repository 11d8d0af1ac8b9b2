package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.StateStore.LiveChild;
import dev.tend.daemon.core.jobs.JobRun.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job run that ended leaves nothing behind: no process of its tree, no record of a live child. */
class JobRunLeavesNothingTest extends SchedulerOnHarness {

    /** A descendant the run printed the pid of, killed by the test if the run left it behind. */
    private long descendant;

    @AfterEach
    void killWhatTheRunLeft() {
        if (descendant > 0 && !JobHarness.gone(descendant)) {
            ProcessHandle.of(descendant).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aDescendantThatLeftTheRunsSessionDiesWhenTheRunsMainProcessExits() throws Exception {
        h.register(h.job("spawner", "@every 1m", "setsid sleep 300 & echo $! > descendant.pid"));
        h.clock.advance(Duration.ofMinutes(1));
        JobRun run = join(h.tick().get(0));
        descendant = Long.parseLong(Files.readString(dir.resolve("descendant.pid")).trim());

        assertEquals(Outcome.SUCCEEDED, run.outcome(), "the main process exited 0; what it left is not its failure");
        h.await("the run's detached descendant is gone", () -> JobHarness.gone(descendant));
    }

    @Test
    void aRunIsOnRecordAsALiveChildWhileItRunsAndOffRecordOnceItsEndIsWritten() throws Exception {
        RunRequest request = h.runUntilReleased("slow");
        JobRun started = join(request.started());

        List<LiveChild> live = h.db.liveChildren();
        assertEquals(1, live.size(), live.toString());
        assertEquals("demo", live.get(0).project());
        assertEquals(JobScheduler.LIVE_CHILD_PREFIX + "slow", live.get(0).service());
        assertEquals(started.pid(), live.get(0).pid(), "a daemon started after a crash finds the run by this record");

        h.release("go");
        JobRun ended = join(request.finished());
        assertEquals(Outcome.SUCCEEDED, ended.outcome());
        assertTrue(h.db.liveChildren().isEmpty(), "the record goes before the end is told: " + h.db.liveChildren());
    }
}
