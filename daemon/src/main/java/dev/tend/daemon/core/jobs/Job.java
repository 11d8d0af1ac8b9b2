package dev.tend.daemon.core.jobs;

import dev.tend.daemon.core.JobSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registered job and where its schedule stands: the anchor (the scheduled time it last fired for), the next
 * due time, a catch-up owed from the daemon's downtime, its pause, its runs under way and queued. The scheduler
 * changes it under its lock only, and saves what the methods say must outlive the daemon.
 */
final class Job {
    final String project;
    JobSpec spec;
    JobSchedule schedule;
    Map<String, String> baseEnv;
    Instant anchor;
    Instant next;
    Instant catchUpFor;
    final List<ActiveRun> active = new ArrayList<>();
    ActiveRun queued;
    JobRun lastRun;
    boolean removed;
    /** `tend job pause`: no scheduled or catch-up run starts; next is null. Kept in the store. */
    boolean paused;

    /** What the store kept of a job from earlier daemons: its anchor (empty: never seen), newest run, pause. */
    record Saved(Optional<Instant> anchor, JobRun lastRun, boolean paused) {
    }

    /** What new settings did to a job. */
    enum Update {
        NONE,
        /** A setting or the environment changed. */
        CHANGED,
        /** The schedule or timezone changed: the schedule starts again from now, the new anchor. */
        RETIMED
    }

    Job(String project, JobSpec spec, JobSchedule schedule, Map<String, String> baseEnv) {
        this.project = project;
        this.spec = spec;
        this.schedule = schedule;
        this.baseEnv = Map.copyOf(baseEnv);
    }

    String ref() {
        return project + "/" + spec.name();
    }

    JobSnapshot snapshot() {
        return new JobSnapshot(project, spec, active.size(), queued != null, next, lastRun, paused);
    }

    /**
     * Catch-up after a daemon restart: a job new to this daemon takes up its schedule where the store left it.
     * One whose anchor shows it came due while the daemon was down owes one run, for the newest time it
     * missed, if it has catch_up; a paused one stays paused.
     *
     * @return true if it was never seen: its anchor is now, to be saved
     */
    boolean restore(Saved saved, Instant now) {
        anchor = saved.anchor().orElse(now);
        lastRun = saved.lastRun();
        if (saved.anchor().isPresent() && spec.catchUp()) {
            catchUpFor = schedule.latestDue(anchor, now);
        }
        next = schedule.nextAfter(anchor, now);
        if (saved.paused()) {
            pause();
        }
        return saved.anchor().isEmpty();
    }

    /** Takes new settings (from a reload or a new registration); a RETIMED job's new anchor is to be saved. */
    Update update(JobSpec newSpec, JobSchedule newSchedule, Map<String, String> newBaseEnv, Instant now) {
        boolean timing = !spec.schedule().equals(newSpec.schedule()) || !spec.timezone().equals(newSpec.timezone());
        // The environment of the shell that reloaded is taken for the next run, as a service takes it at its next
        // start; like a service, the job is not changed by it (a reload from another shell changes no file)
        boolean changed = timing || !spec.equals(newSpec);
        spec = newSpec;
        schedule = newSchedule;
        baseEnv = Map.copyOf(newBaseEnv);
        if (timing) {
            anchor = now;
            catchUpFor = null;
            next = paused ? null : schedule.nextAfter(now, now);
            return Update.RETIMED;
        }
        return changed ? Update.CHANGED : Update.NONE;
    }

    void pause() {
        paused = true;
        next = null;
        catchUpFor = null;
    }

    /**
     * Back on the schedule from now on: the times that passed while paused are not run, nor caught up later
     * (an interval keeps its phase).
     *
     * @return the newest of the times that passed, now the anchor (to be saved); null if none passed
     */
    Instant resume(Instant now) {
        paused = false;
        Instant passed = schedule.latestDue(anchor, now);
        if (passed != null) {
            anchor = passed;
        }
        next = schedule.nextAfter(anchor, now);
        return passed;
    }

    /** Gone from its project: nothing more comes due. */
    void forget() {
        removed = true;
        catchUpFor = null;
        next = null;
    }

    /** The catch-up run's time, now the anchor (to be saved), once; null if none is owed. */
    Instant takeCatchUp() {
        Instant due = catchUpFor;
        if (due != null) {
            catchUpFor = null;
            anchor = due;
        }
        return due;
    }

    /** The time the schedule came due for by now, now the anchor (to be saved); null if it is not due. */
    Instant takeDue(Instant now) {
        if (next == null || next.isAfter(now)) {
            return null;
        }
        // Several came due (the machine slept): one run, for the newest, as catch-up does.
        Instant newest = schedule.latestDue(anchor, now);
        Instant due = newest != null && newest.isAfter(next) ? newest : next;
        anchor = due;
        next = schedule.nextAfter(due, now);
        return due;
    }

    /** Marks the started runs past their deadline as timed out and adds them to the list. */
    void timeOut(Instant now, List<ActiveRun> into) {
        for (ActiveRun ar : active) {
            if (ar.process != null && ar.deadline != null && !ar.timedOut && !ar.deadline.isAfter(now)) {
                ar.timedOut = true;
                into.add(ar);
            }
        }
    }

    /** When the scheduler must look at this job again (a catch-up owed is due now); null: not by itself. */
    Instant wakeAt(Instant now) {
        Instant wake = earliest(catchUpFor != null ? now : null, next);
        for (ActiveRun ar : active) {
            if (!ar.timedOut) {
                wake = earliest(wake, ar.deadline);
            }
        }
        return wake;
    }

    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /**
     * One of its runs ended.
     *
     * @return the queued run, now under way, if it may start (not while the daemon stops, nor for a removed job)
     */
    ActiveRun ended(ActiveRun ar, JobRun run, boolean shuttingDown) {
        active.remove(ar);
        lastRun = run;
        if (queued != null && active.isEmpty() && !shuttingDown && !removed) {
            ActiveRun q = takeQueued();
            active.add(q);
            return q;
        }
        return null;
    }

    /** The queued run, no longer queued; null if none. */
    ActiveRun takeQueued() {
        ActiveRun q = queued;
        queued = null;
        return q;
    }

    /**
     * The daemon stops: each run under way is interrupted (and added to running, and to toStop if its process
     * is to be stopped now).
     *
     * @return the queued run, no longer queued (it never starts); null if none
     */
    ActiveRun interrupt(List<ActiveRun> running, List<ActiveRun> toStop) {
        for (ActiveRun ar : active) {
            if (ar.interrupt()) {
                toStop.add(ar);
            }
            running.add(ar);
        }
        return takeQueued();
    }
}
