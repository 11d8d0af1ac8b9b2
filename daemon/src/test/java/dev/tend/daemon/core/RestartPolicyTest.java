package dev.tend.daemon.core;

import dev.tend.daemon.core.RestartPolicy.Action;
import dev.tend.daemon.core.RestartPolicy.Decision;
import dev.tend.daemon.core.process.ExitStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {

    private final RestartPolicy policy = new RestartPolicy(RestartPolicy.Settings.DEFAULTS);
    private static final ExitStatus CRASH = ExitStatus.exited(3);
    private static final ExitStatus OK = ExitStatus.exited(0);
    private static final Duration QUICK = Duration.ofSeconds(2);

    /** Runs a crash loop on a fake clock: each run lasts `ran`, each restart waits its delay. */
    @Test
    void quickCrashesBackOffExponentiallyFromOneSecondToSixtyThenFail() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        int quick = 0;
        StringBuilder delays = new StringBuilder();
        Decision d;
        while (true) {
            Instant startedAt = clock.instant();
            clock = Clock.offset(clock, QUICK);
            d = policy.decide(RestartMode.ON_FAILURE, 10, CRASH, Duration.between(startedAt, clock.instant()), quick);
            if (d.action() != Action.RESTART) {
                break;
            }
            delays.append(d.delay().toSeconds()).append(' ');
            clock = Clock.offset(clock, d.delay());
            quick = d.quickRestarts();
        }
        assertEquals("0 1 2 4 8 16 32 60 60 60 ", delays.toString());
        assertEquals(Action.GIVE_UP, d.action());
        assertEquals(ServiceState.FAILED, d.endState());
        assertEquals("exited 3 after 10 quick restarts", d.reason());
    }

    @Test
    void crashAfterStableRunRestartsAtOnceAndResetsTheCount() {
        Decision d = policy.decide(RestartMode.ON_FAILURE, 10, CRASH, Duration.ofSeconds(30), 9);
        assertEquals(Action.RESTART, d.action());
        assertEquals(Duration.ZERO, d.delay());
        assertEquals(1, d.quickRestarts());
        assertEquals(ServiceState.CRASHED, d.endState());
    }

    @Test
    void quickCrashJustUnderTheStableThresholdStillCounts() {
        Decision d = policy.decide(RestartMode.ON_FAILURE, 10, CRASH, Duration.ofSeconds(29), 3);
        assertEquals(Duration.ofSeconds(4), d.delay());
        assertEquals(4, d.quickRestarts());
        assertEquals("restarting in 4s", d.reason());
    }

    @Test
    void maxRestartsTwoGivesTwoRestartsThenFailed() {
        Decision first = policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, 0);
        Decision second = policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, first.quickRestarts());
        Decision third = policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, second.quickRestarts());
        assertEquals(Action.RESTART, first.action());
        assertEquals(Action.RESTART, second.action());
        assertEquals(Action.GIVE_UP, third.action());
        assertEquals("exited 3 after 2 quick restarts", third.reason());
    }

    @Test
    void cleanExitWithOnFailureStaysExited() {
        Decision d = policy.decide(RestartMode.ON_FAILURE, 10, OK, QUICK, 0);
        assertEquals(Action.STAY_DOWN, d.action());
        assertEquals(ServiceState.EXITED, d.endState());
    }

    @Test
    void signalKillWithOnFailureRestarts() {
        Decision d = policy.decide(RestartMode.ON_FAILURE, 10, ExitStatus.killed(9), QUICK, 0);
        assertEquals(Action.RESTART, d.action());
        assertEquals(ServiceState.CRASHED, d.endState());
    }

    @Test
    void alwaysRestartsCleanExitsWithTheSameBackoff() {
        Decision d = policy.decide(RestartMode.ALWAYS, 10, OK, QUICK, 2);
        assertEquals(Action.RESTART, d.action());
        assertEquals(Duration.ofSeconds(2), d.delay());
        assertEquals(ServiceState.EXITED, d.endState());
        assertEquals(Action.GIVE_UP, policy.decide(RestartMode.ALWAYS, 2, OK, QUICK, 2).action());
    }

    @Test
    void noNeverRestartsAndATaskThatExitsByItselfIsCompletedWhateverItsCode() {
        Decision crashed = policy.decide(RestartMode.NO, 10, ExitStatus.killed(9), QUICK, 0);
        Decision exited = policy.decide(RestartMode.NO, 10, OK, QUICK, 0);
        assertEquals(Action.STAY_DOWN, crashed.action());
        assertEquals(ServiceState.CRASHED, crashed.endState());
        assertEquals("killed by SIGKILL", crashed.reason());
        assertEquals(ServiceState.COMPLETED, exited.endState());
        assertEquals(ServiceState.COMPLETED, policy.decide(RestartMode.NO, 10, ExitStatus.exited(3), QUICK, 0).endState());
    }

    @Test
    void failedStartIsDescribedByTheCallersWords() {
        Decision d = policy.decide(RestartMode.ON_FAILURE, 1, ExitStatus.killed(15), Duration.ZERO, 1,
                "not ready within 60s");
        assertEquals(Action.GIVE_UP, d.action());
        assertEquals("not ready within 60s after 1 quick restart", d.reason());
    }

    @Test
    void settingsRejectACapBelowTheBase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RestartPolicy.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("base <= max"), e.getMessage());
    }

    @Test
    void aFixedRestartDelayWaitsBeforeEveryRestartTheFirstIncludedAndMaxRestartsStillCounts() {
        Duration fixed = Duration.ofSeconds(5);
        Decision first = policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, 0, "exited 3", fixed);
        Decision second = policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, first.quickRestarts(), "exited 3", fixed);
        Decision third = policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, second.quickRestarts(), "exited 3", fixed);
        assertEquals(fixed, first.delay());
        assertEquals("restarting in 5s", first.reason());
        assertEquals(fixed, second.delay());
        assertEquals(Action.GIVE_UP, third.action());
        assertEquals(Duration.ZERO, policy.decide(RestartMode.ON_FAILURE, 2, CRASH, QUICK, 1, "exited 3",
                Duration.ZERO).delay(), "0s: at once, every time");
    }
}
