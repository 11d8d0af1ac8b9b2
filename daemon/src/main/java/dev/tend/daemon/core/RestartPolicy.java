package dev.tend.daemon.core;

import dev.tend.daemon.core.process.ExitStatus;
import dev.tend.daemon.core.process.Signal;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides what happens after a service's process ended on its own. Pure: the caller says how long the
 * process ran and how many quick restarts came before.
 *
 * <p>A run that lasted at least {@code stableAfter} counts as stable: the quick-restart count starts over.
 * A run shorter than that is a quick end. The first restart after a stable run (or after a start by
 * hand) happens at once, so a one-off crash costs no wait; each further consecutive quick restart waits
 * {@code baseBackoff} doubled per step, capped at {@code maxBackoff}. When {@code maxRestarts}
 * consecutive quick restarts have already happened the service is FAILED and stays so until started
 * by hand. A start that never became ready (probe timeout) is a quick end whatever its duration.
 */
public final class RestartPolicy {

    /** Backoff and stability settings; DEFAULTS are the numbers README.md's project file and docs/project-file.md give. */
    public record Settings(Duration baseBackoff, Duration maxBackoff, Duration stableAfter) {
        public static final Settings DEFAULTS =
                new Settings(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30));

        public Settings {
            Objects.requireNonNull(baseBackoff, "baseBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(stableAfter, "stableAfter");
            if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0 || stableAfter.isNegative()) {
                throw new IllegalArgumentException("backoff settings must satisfy 0 <= base <= max and stableAfter >= 0, got "
                        + baseBackoff + ", " + maxBackoff + ", " + stableAfter);
            }
        }
    }

    public enum Action {
        /** Leave it down: EXITED, CRASHED or COMPLETED. */
        STAY_DOWN,
        /** Start again after {@link Decision#delay()} (zero: at once). */
        RESTART,
        /** Too many quick restarts: FAILED until started by hand. */
        GIVE_UP
    }

    /**
     * @param endState     EXITED or CRASHED for how the process ended (COMPLETED: a task's exit), FAILED when giving up
     * @param quickRestarts the consecutive quick-restart count to remember (after this restart, if any)
     * @param reason       for people: "restarting in 4s", "exited 3 after 2 quick restarts"
     */
    public record Decision(Action action, Duration delay, ServiceState endState, int quickRestarts, String reason) {
    }

    private final Settings settings;

    public RestartPolicy(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * @param ranFor        how long the process ran; pass {@link Duration#ZERO} for a start that never became ready
     * @param quickRestarts consecutive quick restarts before this end
     */
    public Decision decide(RestartMode mode, int maxRestarts, ExitStatus exit, Duration ranFor, int quickRestarts) {
        return decide(mode, maxRestarts, exit, ranFor, quickRestarts, describe(exit));
    }

    /** As above, with the words for how it ended ("not ready within 60s") used in the reason. */
    public Decision decide(RestartMode mode, int maxRestarts, ExitStatus exit, Duration ranFor, int quickRestarts,
                           String endedHow) {
        return decide(mode, maxRestarts, exit, ranFor, quickRestarts, endedHow, null);
    }

    /**
     * As above for a service with {@code restart_delay}: every automatic restart, the first included, waits that long
     * instead of the doubling backoff (pm2's restart_delay, process-compose's backoff_seconds); max_restarts still
     * counts the quick ones.
     *
     * @param restartDelay the fixed wait, or null for the backoff
     */
    public Decision decide(RestartMode mode, int maxRestarts, ExitStatus exit, Duration ranFor, int quickRestarts,
                           String endedHow, Duration restartDelay) {
        ServiceState endState = mode == RestartMode.NO && !exit.killedBySignal() ? ServiceState.COMPLETED
                : exit.success() ? ServiceState.EXITED : ServiceState.CRASHED;
        boolean wantsRestart = switch (mode) {
            case NO -> false;
            case ON_FAILURE -> !exit.success();
            case ALWAYS -> true;
        };
        if (!wantsRestart) {
            return new Decision(Action.STAY_DOWN, Duration.ZERO, endState, quickRestarts, endedHow);
        }
        int before = ranFor.compareTo(settings.stableAfter()) >= 0 ? 0 : quickRestarts;
        if (before >= maxRestarts) {
            String reason = endedHow + " after " + before + " quick restart" + (before == 1 ? "" : "s");
            return new Decision(Action.GIVE_UP, Duration.ZERO, ServiceState.FAILED, before, reason);
        }
        Duration delay = restartDelay != null ? restartDelay : backoff(before);
        String reason = delay.isZero() ? "restarting" : "restarting in " + human(delay);
        return new Decision(Action.RESTART, delay, endState, before + 1, reason);
    }

    /** Wait before restart number {@code before + 1} of a quick series: 0, base, 2*base, 4*base, ... capped. */
    Duration backoff(int before) {
        if (before <= 0) {
            return Duration.ZERO;
        }
        Duration d = settings.baseBackoff();
        for (int i = 1; i < before && d.compareTo(settings.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    /** "exited 3", "killed by SIGKILL". */
    public static String describe(ExitStatus exit) {
        if (exit.killedBySignal()) {
            Signal s = Signal.ofNumber(exit.signal());
            return "killed by " + (s != null ? s.fullName() : "signal " + exit.signal());
        }
        return "exited " + exit.code();
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s < 60 || s % 60 != 0 ? s + "s" : (s / 60) + "m";
    }
}
