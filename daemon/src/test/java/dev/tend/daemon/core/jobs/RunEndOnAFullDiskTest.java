package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.jobs.JobRun.Outcome;
import dev.tend.daemon.store.StoreWrites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tend.daemon.core.jobs.JobHarness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run that ends while the store takes no writes is recorded as it ended once the store takes them again. */
class RunEndOnAFullDiskTest extends SchedulerOnHarness {

    @AfterEach
    void allowWrites() {
        StoreWrites.allow(h.db);
    }

    @Test
    void anEndTheStoreCouldNotTakeIsWrittenAtTheNextLookAtTheHistory() throws Exception {
        RunRequest request = h.runUntilReleased("slow");
        join(request.started());
        StoreWrites.refuse(h.db);
        h.release("go");
        JobRun ended = join(request.finished());
        assertEquals(Outcome.SUCCEEDED, ended.outcome());
        assertEquals(Outcome.RUNNING, h.store.runs("demo", "slow", 1).get(0).outcome(), "not written yet");

        StoreWrites.allow(h.db);
        List<JobRun> history = h.scheduler.history("demo", "slow", 10);
        assertEquals(Outcome.SUCCEEDED, history.get(history.size() - 1).outcome(), history.toString());
        assertEquals(ended.endedAt(), h.store.runs("demo", "slow", 1).get(0).endedAt(),
                "the end as it happened, not when the disk had room again");
    }
}
