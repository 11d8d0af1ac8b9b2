package dev.tend.daemon.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One run of a job, as recorded in its history; a run that never started because of the overlap policy
 * is recorded too, as {@link Outcome#SKIPPED}.
 *
 * @param id           unique across all jobs (0 before the store assigned one)
 * @param scheduledFor the schedule time it ran for; null for a manual run
 * @param startedAt    null if it never started (skipped, or could not be launched)
 * @param endedAt      null while it runs
 * @param exitCode     null while it runs, if killed by a signal, or if it never started
 * @param signal       e.g. "SIGKILL" if a signal ended it
 * @param reason       why it ended as it did, in words (timeout, skipped, could not start, ...), or null
 */
public record JobRun(long id, String project, String job, Trigger trigger, Instant scheduledFor, Instant startedAt,
                     Instant endedAt, Integer exitCode, String signal, Outcome outcome, long pid, String reason) {

    /** What started the run. */
    public enum Trigger {
        SCHEDULE, MANUAL, CATCH_UP;

        /** "schedule", "manual", "catch-up". */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Trigger ofWireName(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public enum Outcome {
        /** Started and not yet ended. */
        RUNNING,
        /** Exit code 0. */
        SUCCEEDED,
        /** A non-zero exit code, a signal, or it could not be started. */
        FAILED,
        /** Killed when it outlived the job's timeout. */
        TIMED_OUT,
        /** Not started: the overlap policy said so. */
        SKIPPED,
        /** The daemon stopped (or died) while it ran. */
        INTERRUPTED;

        /** "running", "succeeded", "failed", "timed-out", "skipped", "interrupted". */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Outcome ofWireName(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** How long it ran; null unless it started and ended. */
    public Duration duration() {
        return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt);
    }

    public JobRun withId(long newId) {
        return new JobRun(newId, project, job, trigger, scheduledFor, startedAt, endedAt, exitCode, signal, outcome, pid,
                reason);
    }

    public JobRun started(Instant at, long newPid) {
        return new JobRun(id, project, job, trigger, scheduledFor, at, endedAt, exitCode, signal, Outcome.RUNNING,
                newPid, reason);
    }

    public JobRun ended(Instant at, Integer code, String sig, Outcome how, String why) {
        return new JobRun(id, project, job, trigger, scheduledFor, startedAt, at, code, sig, how, pid, why);
    }
}
