package dev.tend.daemon.core;

import dev.tend.daemon.core.process.Signal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What must outlive the daemon: registered projects, ad-hoc services, desired state, history and the
 * children that are alive right now. The supervisor writes through it; the SQLite implementation lives
 * in {@code dev.tend.daemon.store}. Every method is safe to call from any thread.
 */
public interface StateStore extends AutoCloseable {

    /**
     * A registered project: where its file is (and the files merged over it that `tend up -f` named), and the
     * environment of the client that registered it.
     */
    record ProjectRecord(String name, Path dir, Path file, Map<String, String> baseEnv, List<Path> overrides) {
        public ProjectRecord {
            overrides = List.copyOf(overrides);
        }

        public ProjectRecord(String name, Path dir, Path file, Map<String, String> baseEnv) {
            this(name, dir, file, baseEnv, List.of());
        }
    }

    /** An ad-hoc service started by `tend run` (project "adhoc"). */
    record AdhocRecord(String name, String command, Path cwd, Map<String, String> env, RestartMode restart) {
    }

    /** One line of a service's history. kind: started, exited, crashed, stopped, restarting, failed, reaped, ... */
    record HistoryRecord(String project, String service, Instant time, String kind, long pid,
                         Integer exitCode, String signal, String reason) {
    }

    /**
     * A child that was alive when it was recorded; pid and start time together identify it. runToken, if not
     * null, is the {@code TEND_RUN} mark of its launch, which every process of its tree inherited. stopSignal and
     * stopTimeout, if not null, are the service's stop settings at launch: a daemon that reaps the child after a
     * crash of its predecessor stops it the way that one would have.
     */
    record LiveChild(String project, String service, long pid, Instant startTime, String runToken,
                     Signal stopSignal, Duration stopTimeout) {

        /** A child launched without a mark (a job run, or a record of an older tend). */
        public LiveChild(String project, String service, long pid, Instant startTime) {
            this(project, service, pid, startTime, null);
        }

        /** Without stop settings: a reaper uses SIGTERM and the default stop_timeout. */
        public LiveChild(String project, String service, long pid, Instant startTime, String runToken) {
            this(project, service, pid, startTime, runToken, null, null);
        }

        /**
         * The record of a launch about to fork: its mark is on disk before any process carries it, so a daemon
         * killed during the fork leaves nothing the next one cannot find. pid 0 until {@link #started}.
         */
        public static LiveChild launching(String project, String service, String runToken, Signal stopSignal,
                                          Duration stopTimeout) {
            return new LiveChild(project, service, 0, Instant.EPOCH, runToken, stopSignal, stopTimeout);
        }

        /** This launch once its fork returned the pid (the record replaces the one of {@link #launching}). */
        public LiveChild started(long childPid, Instant childStartTime) {
            return new LiveChild(project, service, childPid, childStartTime, runToken, stopSignal, stopTimeout);
        }

        /** Whether the fork had not returned yet when this was recorded. */
        public boolean forkUnderWay() {
            return pid == 0;
        }
    }

    void putProject(ProjectRecord project);

    void removeProject(String name);

    /** Removes what is kept of a project besides its registration: service history, desired state, job runs. */
    void removeProjectHistory(String name);

    List<ProjectRecord> projects();

    void putAdhoc(AdhocRecord service);

    void removeAdhoc(String name);

    List<AdhocRecord> adhocServices();

    /** Whether the service should be running; remembered across daemon restarts. */
    default void setDesired(String project, String service, boolean running) {
        setDesired(Map.of(project, List.of(service)), running);
    }

    /** Whether these services (project -> names) should be running: all of it on disk, or none (one transaction). */
    void setDesired(Map<String, ? extends Collection<String>> services, boolean running);

    void removeDesired(String project, String service);

    /** project -> service -> should run. */
    Map<String, Map<String, Boolean>> desired();

    /** Keeps the count `tend scale` set for a service, with the file's `replicas:` at that time (0: none). */
    void setScale(String project, String service, Replicas.Scaled scaled);

    void removeScale(String project, String service);

    /** project -> service -> its kept scale. */
    Map<String, Map<String, Replicas.Scaled>> scales();

    /**
     * What a service keeps across daemons besides its desired state: the auto port it was given (0: none yet),
     * while it is failed, why (null: not failed), and whether it is a task that completed with exit code 0 in this
     * boot of the machine (a daemon that follows leaves it done; after a reboot it runs again).
     */
    record ServiceMemory(int port, String failed, boolean completed) {
        public ServiceMemory(int port, String failed) {
            this(port, failed, false);
        }
    }

    /** Keeps the auto port the service was given, to give it again. */
    void setPort(String project, String service, int port);

    /** Marks the service failed for this reason, or (null) no longer failed. */
    void setFailed(String project, String service, String reason);

    /** Marks the service a task done (completed with 0) in this boot of the machine, or no longer done. */
    void setCompleted(String project, String service, boolean done);

    /** project -> service -> what it keeps; services with neither a port nor a failure are left out. */
    Map<String, Map<String, ServiceMemory>> memory();

    void appendHistory(HistoryRecord record);

    /** Newest last; at most limit rows (the newest ones). */
    List<HistoryRecord> history(String project, String service, int limit);

    /** Records the child, replacing the record of the same launch (same run token) or of the same pid. */
    void putLiveChild(LiveChild child);

    void removeLiveChild(String project, String service, long pid);

    /** Removes the record of a launch by its run token (a launch whose fork failed, or one reaped). */
    void removeLaunch(String runToken);

    List<LiveChild> liveChildren();

    @Override
    void close();
}
