package dev.tend.daemon.rpc;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.events.EventBus;
import dev.tend.daemon.core.events.LogTailer;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.protocol.Methods;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every method of the protocol (docs/protocol.md) as the endpoint serves it: names and parameters here, the work in
 * the area classes. Parameters are named; optional ones carry {@link OptionalParam} and come last.
 * `dir` is the caller's working directory: it picks the project a bare service name belongs to.
 */
public final class TendRpc {
    private final DaemonMethods daemon;
    private final Supervisor supervisor;
    private final ProjectMethods projects;
    private final ServiceMethods services;
    private final LogMethods logs;
    private final JobMethods jobs;
    private final EventMethods events;
    private final ExportMethods exports;

    public TendRpc(DaemonInfo info, Supervisor supervisor, StateStore store, Clock clock, JobScheduler jobScheduler,
                   EventBus bus, LogTailer tailer, EventNotifications notifications) {
        this.daemon = new DaemonMethods(info);
        this.supervisor = supervisor;
        Refs refs = new Refs(supervisor);
        Function<String, StateStore.ProjectRecord> registered = project -> store.projects().stream()
                .filter(p -> p.name().equals(project)).findFirst()
                .orElse(new StateStore.ProjectRecord(project, null, null, Map.of()));
        this.projects = new ProjectMethods(supervisor, refs, registered, jobScheduler);
        this.services = new ServiceMethods(supervisor, refs);
        this.logs = new LogMethods(supervisor, refs, clock);
        this.jobs = new JobMethods(jobScheduler, refs);
        this.events = new EventMethods(bus, tailer, notifications);
        this.exports = new ExportMethods(supervisor, registered);
    }

    // ------------------------------------------------------------------ daemon

    @Rpc(Methods.DAEMON_HELLO)
    public Map<String, Object> hello(@OptionalParam @Param("client") String client,
                                     @OptionalParam @Param("version") String version,
                                     @OptionalParam @Param("protocol") Integer protocol) {
        return daemon.hello(protocol);
    }

    @Rpc(Methods.DAEMON_STATUS)
    public Map<String, Object> status() {
        // states only: list() would sample every tree's CPU and memory from /proc, which a status does not show
        Supervisor.StateView state = supervisor.snapshot(null);
        List<ServiceSnapshot> all = state.services();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", all.size());
        counts.put("running", all.stream().filter(s -> s.state() == ServiceState.RUNNING || s.state() == ServiceState.READY).count());
        counts.put("projects", state.projects().stream().filter(p -> !p.services().isEmpty()).count());
        return daemon.status(Map.of("services", counts));
    }

    @Rpc(Methods.DAEMON_SHUTDOWN)
    public Map<String, Object> shutdown(@OptionalParam @Param("reason") String reason) {
        return daemon.shutdown(reason);
    }

    @Rpc(Methods.DAEMON_RELOAD)
    public Map<String, Object> reload() {
        return daemon.reload();
    }

    // ------------------------------------------------------------------ projects

    @Rpc(Methods.PROJECT_UP)
    public Map<String, Object> projectUp(@OptionalParam @Param("dir") String dir,
                                         @OptionalParam @Param("file") String file,
                                         @OptionalParam @Param("files") List<String> files,
                                         @OptionalParam @Param("services") List<String> services,
                                         @OptionalParam @Param("env") Map<String, String> env,
                                         @OptionalParam @Param("wait") Boolean wait,
                                         @OptionalParam @Param("waitSeconds") Integer waitSeconds) {
        return projects.up(dir, ProjectMethods.files(file, files), services, env, Boolean.TRUE.equals(wait), waitSeconds);
    }

    @Rpc(Methods.PROJECT_DOWN)
    public Map<String, Object> projectDown(@OptionalParam @Param("project") String project,
                                           @OptionalParam @Param("dir") String dir,
                                           @OptionalParam @Param("services") List<String> services) {
        return projects.down(project, dir, services);
    }

    @Rpc(Methods.PROJECT_FORGET)
    public Map<String, Object> projectForget(@OptionalParam @Param("project") String project,
                                             @OptionalParam @Param("dir") String dir,
                                             @OptionalParam @Param("purge") Boolean purge) {
        return projects.forget(project, dir, Boolean.TRUE.equals(purge));
    }

    @Rpc(Methods.PROJECT_LIST)
    public Map<String, Object> projectList() {
        return projects.list();
    }

    @Rpc(Methods.PROJECT_RELOAD)
    public Map<String, Object> projectReload(@OptionalParam @Param("project") String project,
                                             @OptionalParam @Param("dir") String dir,
                                             @OptionalParam @Param("env") Map<String, String> env) {
        return projects.reload(project, dir, env);
    }

    @Rpc(Methods.PROJECT_EXPORT)
    public Map<String, Object> projectExport(@Param("format") String format,
                                             @OptionalParam @Param("project") String project,
                                             @OptionalParam @Param("dir") String dir,
                                             @OptionalParam @Param("file") String file,
                                             @OptionalParam @Param("user") Boolean user,
                                             @OptionalParam @Param("env") Map<String, String> env) {
        return exports.export(project, dir, file, format, Boolean.TRUE.equals(user), env);
    }

    @Rpc(Methods.PROJECT_CONFIG)
    public Map<String, Object> projectConfig(@OptionalParam @Param("dir") String dir,
                                             @OptionalParam @Param("files") List<String> files,
                                             @OptionalParam @Param("env") Map<String, String> env) {
        return ConfigMethods.config(dir, files, env);
    }

    // ------------------------------------------------------------------ services

    @Rpc(Methods.SERVICE_LIST)
    public Map<String, Object> serviceList(@OptionalParam @Param("project") String project,
                                           @OptionalParam @Param("dir") String dir,
                                           @OptionalParam @Param("ref") String ref) {
        long seq = events.seq(); // read first: the list reflects at least every event up to it
        return ref == null ? services.list(project, dir, seq) : services.listRef(ref, dir, seq);
    }

    @Rpc(Methods.SERVICE_START)
    public Map<String, Object> serviceStart(@Param("ref") String ref, @OptionalParam @Param("dir") String dir) {
        return services.start(ref, dir);
    }

    @Rpc(Methods.SERVICE_STOP)
    public Map<String, Object> serviceStop(@Param("ref") String ref, @OptionalParam @Param("dir") String dir) {
        return services.stop(ref, dir);
    }

    @Rpc(Methods.SERVICE_RESTART)
    public Map<String, Object> serviceRestart(@Param("ref") String ref, @OptionalParam @Param("dir") String dir,
                                              @OptionalParam @Param("rolling") Boolean rolling) {
        return services.restart(ref, dir, Boolean.TRUE.equals(rolling));
    }

    @Rpc(Methods.SERVICE_SCALE)
    public Map<String, Object> serviceScale(@Param("ref") String ref, @Param("count") Integer count,
                                            @OptionalParam @Param("dir") String dir) {
        return services.scale(ref, dir, count);
    }

    @Rpc(Methods.SERVICE_SIGNAL)
    public Map<String, Object> serviceSignal(@Param("ref") String ref, @Param("signal") String signal,
                                             @OptionalParam @Param("dir") String dir,
                                             @OptionalParam @Param("group") Boolean group) {
        return services.signal(ref, dir, signal, Boolean.TRUE.equals(group));
    }

    @Rpc(Methods.SERVICE_RUN)
    public Map<String, Object> serviceRun(@Param("name") String name, @Param("command") String command,
                                          @OptionalParam @Param("cwd") String cwd,
                                          @OptionalParam @Param("env") Map<String, String> env,
                                          @OptionalParam @Param("restart") String restart) {
        return services.run(name, command, cwd, env, restart);
    }

    @Rpc(Methods.SERVICE_REMOVE)
    public Map<String, Object> serviceRemove(@Param("ref") String ref) {
        return services.remove(ref);
    }

    @Rpc(Methods.SERVICE_HISTORY)
    public Map<String, Object> serviceHistory(@Param("ref") String ref,
                                              @OptionalParam @Param("dir") String dir,
                                              @OptionalParam @Param("limit") Integer limit) {
        return services.history(ref, dir, limit);
    }

    // ------------------------------------------------------------------ logs

    @Rpc(Methods.LOGS_READ)
    public Map<String, Object> logsRead(@Param("ref") String ref,
                                        @OptionalParam @Param("dir") String dir,
                                        @OptionalParam @Param("tail") Integer tail,
                                        @OptionalParam @Param("since") String since,
                                        @OptionalParam @Param("until") String until,
                                        @OptionalParam @Param("stream") String stream,
                                        @OptionalParam @Param("after") String after,
                                        @OptionalParam @Param("before") String before) {
        return logs.read(ref, dir, tail, since, until, stream, after, before);
    }

    // ------------------------------------------------------------------ jobs

    @Rpc(Methods.JOB_LIST)
    public Map<String, Object> jobList(@OptionalParam @Param("project") String project,
                                       @OptionalParam @Param("dir") String dir) {
        return jobs.list(project, dir);
    }

    @Rpc(Methods.JOB_ADD)
    public Map<String, Object> jobAdd(@Param("name") String name, @Param("schedule") String schedule,
                                      @Param("command") String command,
                                      @OptionalParam @Param("cwd") String cwd,
                                      @OptionalParam @Param("env") Map<String, String> env,
                                      @OptionalParam @Param("timezone") String timezone,
                                      @OptionalParam @Param("overlap") String overlap,
                                      @OptionalParam @Param("timeout") String timeout,
                                      @OptionalParam @Param("catchUp") Boolean catchUp) {
        return jobs.add(name, schedule, command, cwd, env, timezone, overlap, timeout, catchUp);
    }

    @Rpc(Methods.JOB_REMOVE)
    public Map<String, Object> jobRemove(@Param("ref") String ref) {
        return jobs.remove(ref);
    }

    @Rpc(Methods.JOB_RUN)
    public Map<String, Object> jobRun(@Param("ref") String ref, @OptionalParam @Param("dir") String dir,
                                      @OptionalParam @Param("wait") Boolean wait) {
        return jobs.run(ref, dir, Boolean.TRUE.equals(wait));
    }

    @Rpc(Methods.JOB_PAUSE)
    public Map<String, Object> jobPause(@Param("ref") String ref, @OptionalParam @Param("dir") String dir) {
        return jobs.pause(ref, dir, true);
    }

    @Rpc(Methods.JOB_RESUME)
    public Map<String, Object> jobResume(@Param("ref") String ref, @OptionalParam @Param("dir") String dir) {
        return jobs.pause(ref, dir, false);
    }

    @Rpc(Methods.JOB_HISTORY)
    public Map<String, Object> jobHistory(@Param("ref") String ref, @OptionalParam @Param("dir") String dir,
                                          @OptionalParam @Param("limit") Integer limit) {
        return jobs.history(ref, dir, limit);
    }

    @Rpc(Methods.JOB_LOGS)
    public Map<String, Object> jobLogs(@Param("ref") String ref, @OptionalParam @Param("dir") String dir,
                                       @OptionalParam @Param("run") Long run,
                                       @OptionalParam @Param("tail") Integer tail,
                                       @OptionalParam @Param("stream") String stream,
                                       @OptionalParam @Param("after") String after,
                                       @OptionalParam @Param("before") String before) {
        return jobs.logs(ref, dir, run, tail, stream, after, before);
    }

    // ------------------------------------------------------------------ events

    @Rpc(Methods.EVENTS_SUBSCRIBE)
    public Map<String, Object> eventsSubscribe(@OptionalParam @Param("topics") List<String> topics,
                                               @OptionalParam @Param("filter") Map<String, Object> filter) {
        Map<String, Object> result = events.subscribe(topics, filter);
        if (result.get("snapshot") instanceof Map<?, ?> snapshot && snapshot.get("services") instanceof List<?> views
                && !views.isEmpty()) {
            Views.putUsage(views, supervisor.list(null));
        }
        return result;
    }

    @Rpc(Methods.EVENTS_UNSUBSCRIBE)
    public Map<String, Object> eventsUnsubscribe(@Param("subscription") String subscription) {
        return events.unsubscribe(subscription);
    }
}
