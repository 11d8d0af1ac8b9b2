package dev.tend.daemon.core;

import dev.tend.daemon.core.Dependency.Condition;
import dev.tend.daemon.core.Dependency.Verdict;
import org.junit.jupiter.api.Test;

import static dev.tend.daemon.core.Dependency.judge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The condition rules: when a dependency lets its dependent start, keeps it waiting, or keeps it from starting. */
class DependencyTest {

    @Test
    void completedSuccessfullyNeedsExitCodeZeroAndNothingElseWillDo() {
        assertEquals(Verdict.MET, judge(Condition.COMPLETED_SUCCESSFULLY, ServiceState.COMPLETED, 0));
        assertEquals(Verdict.MET, judge(Condition.COMPLETED_SUCCESSFULLY, ServiceState.EXITED, 0),
                "an on-failure service that exited 0 stays down too: it completed");
        assertEquals(Verdict.NEVER, judge(Condition.COMPLETED_SUCCESSFULLY, ServiceState.COMPLETED, 3));
        assertEquals(Verdict.NEVER, judge(Condition.COMPLETED_SUCCESSFULLY, ServiceState.CRASHED, null));
        assertEquals(Verdict.NEVER, judge(Condition.COMPLETED_SUCCESSFULLY, ServiceState.FAILED, 1));
        for (ServiceState s : new ServiceState[] {ServiceState.STARTING, ServiceState.RUNNING, ServiceState.READY,
                ServiceState.BACKOFF, ServiceState.STOPPING, ServiceState.STOPPED}) {
            assertEquals(Verdict.WAITING, judge(Condition.COMPLETED_SUCCESSFULLY, s, null), s.toString());
        }
    }

    @Test
    void completedTakesAnyEndButAFailedOne() {
        assertEquals(Verdict.MET, judge(Condition.COMPLETED, ServiceState.COMPLETED, 3));
        assertEquals(Verdict.MET, judge(Condition.COMPLETED, ServiceState.CRASHED, null));
        assertEquals(Verdict.WAITING, judge(Condition.COMPLETED, ServiceState.READY, null), "ready is not done");
        assertEquals(Verdict.NEVER, judge(Condition.COMPLETED, ServiceState.FAILED, null),
                "failed gave up (or could not start): it never completed");
    }

    @Test
    void readyIsTodaysMeaningAndATaskThatSucceededCountsAsReady() {
        assertEquals(Verdict.MET, judge(Condition.READY, ServiceState.READY, null));
        assertEquals(Verdict.WAITING, judge(Condition.READY, ServiceState.RUNNING, null));
        assertEquals(Verdict.MET, judge(Condition.READY, ServiceState.COMPLETED, 0));
        assertEquals(Verdict.NEVER, judge(Condition.READY, ServiceState.COMPLETED, 2));
        assertEquals(Verdict.NEVER, judge(Condition.READY, ServiceState.CRASHED, null));
        assertEquals(Verdict.WAITING, judge(Condition.READY, ServiceState.STOPPED, null),
                "a stopped dependency may be started again: the dependent waits, as before");
    }

    @Test
    void startedIsMetOnceTheProcessIsUpAndStaysMetAfterItsEnd() {
        assertEquals(Verdict.WAITING, judge(Condition.STARTED, ServiceState.STARTING, null));
        assertEquals(Verdict.MET, judge(Condition.STARTED, ServiceState.RUNNING, null));
        assertEquals(Verdict.MET, judge(Condition.STARTED, ServiceState.COMPLETED, 5));
        assertEquals(Verdict.NEVER, judge(Condition.STARTED, ServiceState.FAILED, null));
    }

    @Test
    void conditionWordsAreComposesAndUnknownOnesAreNone() {
        assertEquals(Condition.COMPLETED_SUCCESSFULLY, Condition.ofWord("completed_successfully"));
        assertNull(Condition.ofWord("healthy"));
        assertEquals("migrate (completed_successfully)",
                new Dependency("migrate", Condition.COMPLETED_SUCCESSFULLY).describe());
        assertEquals("db", Dependency.ready("db").describe(), "a plain dependency reads as it always did");
    }
}
