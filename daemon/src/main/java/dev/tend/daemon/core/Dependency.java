package dev.tend.daemon.core;

import java.util.List;
import java.util.Locale;

/**
 * One entry of a service's depends_on: the service it waits for, and what it waits for (docs/supervision.md,
 * "Dependencies"). A plain name in the project file means {@link Condition#READY}.
 */
public record Dependency(String service, Condition condition) {

    /** What a dependent waits for; the words are compose's and process-compose's. */
    public enum Condition {
        /** Its process has been launched (running, ready, or ended since). */
        STARTED,
        /** It is ready (probe passed, or up for min_uptime); a task that completed with 0 counts too. The default. */
        READY,
        /** Its run ended on its own and no restart follows, whatever the exit code. */
        COMPLETED,
        /** Its run ended on its own with exit code 0 and no restart follows. */
        COMPLETED_SUCCESSFULLY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The condition named by its word (started, ready, completed, completed_successfully), or null. */
        public static Condition ofWord(String word) {
            for (Condition c : values()) {
                if (c.wireName().equals(word)) {
                    return c;
                }
            }
            return null;
        }

        /** The words, for error messages. */
        public static List<String> words() {
            return java.util.Arrays.stream(values()).map(Condition::wireName).toList();
        }
    }

    /** Where a dependent stands with one dependency. */
    public enum Verdict {
        /** The condition holds: this dependency no longer holds the dependent back. */
        MET,
        /** Not yet, but it may still come. */
        WAITING,
        /** It cannot come without someone starting the dependency again: the dependent does not start. */
        NEVER
    }

    public Dependency {
        java.util.Objects.requireNonNull(service, "service");
        java.util.Objects.requireNonNull(condition, "condition");
    }

    /** Waits until {@code service} is ready: what a plain name in depends_on means. */
    public static Dependency ready(String service) {
        return new Dependency(service, Condition.READY);
    }

    /** Each name as {@link #ready}. */
    public static List<Dependency> allReady(List<String> services) {
        return services.stream().map(Dependency::ready).toList();
    }

    /**
     * Judges the condition on where the dependency stands now. Called only when no restart of it is pending within
     * the same change (a restarting service is STARTING or BACKOFF by the time anyone looks).
     *
     * @param state    the dependency's state
     * @param exitCode the exit code of its last run, null if it has none (running, or killed by a signal); 0 alone is
     *                 success
     */
    public static Verdict judge(Condition condition, ServiceState state, Integer exitCode) {
        return judge(condition, state, exitCode != null && exitCode == 0);
    }

    /**
     * As above, for a service whose last end is known to have been a success or not (its success_exit_codes).
     *
     * @param endedWell whether its last run ended with an exit value that counts as success
     */
    public static Verdict judge(Condition condition, ServiceState state, boolean endedWell) {
        boolean succeeded = (state == ServiceState.COMPLETED || state == ServiceState.EXITED) && endedWell;
        boolean ended = state == ServiceState.COMPLETED || state == ServiceState.EXITED || state == ServiceState.CRASHED;
        if (state == ServiceState.FAILED) {
            return Verdict.NEVER;
        }
        return switch (condition) {
            case STARTED -> state == ServiceState.RUNNING || state == ServiceState.READY || ended
                    ? Verdict.MET : Verdict.WAITING;
            case READY -> state == ServiceState.READY || succeeded ? Verdict.MET : ended ? Verdict.NEVER : Verdict.WAITING;
            case COMPLETED -> ended ? Verdict.MET : Verdict.WAITING;
            case COMPLETED_SUCCESSFULLY -> succeeded ? Verdict.MET : ended ? Verdict.NEVER : Verdict.WAITING;
        };
    }

    /** "migrate" for ready, else "migrate (completed_successfully)": how `config` and reasons show it. */
    public String describe() {
        return condition == Condition.READY ? service : service + " (" + condition.wireName() + ")";
    }
}
