package dev.tend.daemon.core.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A job taken out of its project leaves nothing of its schedule behind: added again, it starts afresh. */
class JobForgetTest extends SchedulerOnHarness {

    @Test
    void aJobRemovedFromItsProjectForgetsItsPauseSoAddedAgainItRunsOnSchedule() throws Exception {
        h.register(h.job("tick", "@every 1m", "true"), h.job("other", "@hourly", "true"));
        h.scheduler.pause("demo", "tick");
        assertTrue(h.store.pausedSince("demo", "tick").isPresent(), "the pause is on record");

        h.register(h.job("other", "@hourly", "true"));
        JobHarness.await("the removed job's record is gone", () -> !h.store.pausedSince("demo", "tick").isPresent());

        h.register(h.job("tick", "@every 1m", "true"), h.job("other", "@hourly", "true"));
        assertFalse(h.snapshot("tick").paused(), "a new job of the same name is not paused");
    }
}
