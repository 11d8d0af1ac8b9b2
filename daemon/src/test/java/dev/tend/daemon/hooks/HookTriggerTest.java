package dev.tend.daemon.hooks;

import dev.tend.daemon.core.ServiceState;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.tend.daemon.core.ServiceState.BACKOFF;
import static dev.tend.daemon.core.ServiceState.CRASHED;
import static dev.tend.daemon.core.ServiceState.FAILED;
import static dev.tend.daemon.core.ServiceState.READY;
import static dev.tend.daemon.core.ServiceState.RUNNING;
import static dev.tend.daemon.core.ServiceState.STARTING;
import static dev.tend.daemon.core.ServiceState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HookTriggerTest {

    @Test
    void aCrashSetsOffOnFailure() {
        assertEquals(Set.of(HookTrigger.FAILURE), HookTrigger.of(READY, CRASHED));
        assertEquals(Set.of(HookTrigger.FAILURE), HookTrigger.of(RUNNING, CRASHED));
    }

    @Test
    void aTaskThatCompletedNonZeroSetsOffOnFailureAndOneThatSucceededNothing() {
        assertEquals(Set.of(HookTrigger.FAILURE), HookTrigger.of(RUNNING, ServiceState.COMPLETED, 3));
        assertEquals(Set.of(), HookTrigger.of(RUNNING, ServiceState.COMPLETED, 0));
    }

    @Test
    void reachingFailedSetsOffOnFailureAndTheDaemonWideOnFailed() {
        assertEquals(Set.of(HookTrigger.FAILURE, HookTrigger.FAILED), HookTrigger.of(RUNNING, FAILED));
        assertEquals(Set.of(HookTrigger.FAILURE, HookTrigger.FAILED), HookTrigger.of(STARTING, FAILED));
    }

    @Test
    void becomingReadySetsOffOnReady() {
        assertEquals(Set.of(HookTrigger.READY), HookTrigger.of(RUNNING, READY));
    }

    @Test
    void aServiceSeenForTheFirstTimeSetsOffNothing() {
        assertEquals(Set.of(), HookTrigger.of(null, FAILED));
        assertEquals(Set.of(), HookTrigger.of(null, READY));
    }

    @Test
    void aChangeOfReasonInTheSameStateSetsOffNothingAgain() {
        for (ServiceState s : ServiceState.values()) {
            assertEquals(Set.of(), HookTrigger.of(s, s), s.name());
        }
    }

    @Test
    void otherChangesSetOffNothing() {
        assertEquals(Set.of(), HookTrigger.of(CRASHED, BACKOFF));
        assertEquals(Set.of(), HookTrigger.of(BACKOFF, STARTING));
        assertEquals(Set.of(), HookTrigger.of(READY, STOPPED));
        assertEquals(Set.of(), HookTrigger.of(STOPPED, STARTING));
    }
}
