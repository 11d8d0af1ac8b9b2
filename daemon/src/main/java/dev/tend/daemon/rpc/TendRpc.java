package dev.tend.daemon.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import com.googlecode.jsonrpc4j.JsonRpcParam;
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
 * Every method of the protocol (docs/protocol.md) as jsonrpc4j sees it: names and parameters here, the work in
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

    @JsonRpcMethod(Methods.DAEMON_HELLO)
    public Map<String, Object> hello(@OptionalParam @JsonRpcParam("client") String client,
                                     @OptionalParam @JsonRpcParam("version") String version,
                                     @OptionalParam @JsonRpcParam("protocol") Integer protocol) {
        return daemon.hello(protocol);
    }

    @JsonRpcMethod(Methods.DAEMON_STATUS)
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

    @JsonRpcMethod(Methods.DAEMON_SHUTDOWN)
    public Map<String, Object> shutdown(@OptionalParam @JsonRpcParam("reason") String reason) {
        return daemon.shutdown(reason);
    }

    @JsonRpcMethod(Methods.DAEMON_RELOAD)
    public Map<String, Object> reload() {
        return daemon.reload();
    }

    // ------------------------------------------------------------------ projects

    @JsonRpcMethod(Methods.PROJECT_UP)
    public Map<String, Object> projectUp(@OptionalParam @JsonRpcParam("dir") String dir,
                                         @OptionalParam @JsonRpcParam("file") String file,
                                         @OptionalParam @JsonRpcParam("files") List<String> files,
                                         @OptionalParam @JsonRpcParam("services") List<String> services,
                                         @OptionalParam @JsonRpcParam("env") Map<String, String> env,
                                         @OptionalParam @JsonRpcParam("wait") Boolean wait,
                                         @OptionalParam @JsonRpcParam("waitSeconds") Integer waitSeconds) {
        return projects.up(dir, ProjectMethods.files(file, files), services, env, Boolean.TRUE.equals(wait), waitSeconds);
    }

    @JsonRpcMethod(Methods.PROJECT_DOWN)
    public Map<String, Object> projectDown(@OptionalParam @JsonRpcParam("project") String project,
                                           @OptionalParam @JsonRpcParam("dir") String dir,
                                           @OptionalParam @JsonRpcParam("services") List<String> services) {
        return projects.down(project, dir, services);
    }

    @JsonRpcMethod(Methods.PROJECT_FORGET)
    public Map<String, Object> projectForget(@OptionalParam @JsonRpcParam("project") String project,
                                             @OptionalParam @JsonRpcParam("dir") String dir,
                                             @OptionalParam @JsonRpcParam("purge") Boolean purge) {
        return projects.forget(project, dir, Boolean.TRUE.equals(purge));
    }

    @JsonRpcMethod(Methods.PROJECT_LIST)
    public Map<String, Object> projectList() {
        return projects.list();
    }

    @JsonRpcMethod(Methods.PROJECT_RELOAD)
    public Map<String, Object> projectReload(@OptionalParam @JsonRpcParam("project") String project,
                                             @OptionalParam @JsonRpcParam("dir") String dir,
                                             @OptionalParam @JsonRpcParam("env") Map<String, String> env) {
        return projects.reload(project, dir, env);
    }

    @JsonRpcMethod(Methods.PROJECT_EXPORT)
    public Map<String, Object> projectExport(@JsonRpcParam("format") String format,
                                             @OptionalParam @JsonRpcParam("project") String project,
                                             @OptionalParam @JsonRpcParam("dir") String dir,
                                             @OptionalParam @JsonRpcParam("file") String file,
                                             @OptionalParam @JsonRpcParam("user") Boolean user) {
        return exports.export(project, dir, file, format, Boolean.TRUE.equals(user));
    }

    @JsonRpcMethod(Methods.PROJECT_CONFIG)
    public Map<String, Object> projectConfig(@OptionalParam @JsonRpcParam("dir") String dir,
                                             @OptionalParam @JsonRpcParam("files") List<String> files,
                                             @OptionalParam @JsonRpcParam("env") Map<String, String> env) {
        return ConfigMethods.config(dir, files, env);
    }

    // ------------------------------------------------------------------ services

    @JsonRpcMethod(Methods.SERVICE_LIST)
    public Map<String, Object> serviceList(@OptionalParam @JsonRpcParam("project") String project,
                                           @OptionalParam @JsonRpcParam("dir") String dir) {
        long seq = events.seq(); // read first: the list reflects at least every event up to it
        return services.list(project, dir, seq);
    }

    @JsonRpcMethod(Methods.SERVICE_START)
    public Map<String, Object> serviceStart(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir) {
        return services.start(ref, dir);
    }

    @JsonRpcMethod(Methods.SERVICE_STOP)
    public Map<String, Object> serviceStop(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir) {
        return services.stop(ref, dir);
    }

    @JsonRpcMethod(Methods.SERVICE_RESTART)
    public Map<String, Object> serviceRestart(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir) {
        return services.restart(ref, dir);
    }

    @JsonRpcMethod(Methods.SERVICE_SIGNAL)
    public Map<String, Object> serviceSignal(@JsonRpcParam("ref") String ref, @JsonRpcParam("signal") String signal,
                                             @OptionalParam @JsonRpcParam("dir") String dir,
                                             @OptionalParam @JsonRpcParam("group") Boolean group) {
        return services.signal(ref, dir, signal, Boolean.TRUE.equals(group));
    }

    @JsonRpcMethod(Methods.SERVICE_RUN)
    public Map<String, Object> serviceRun(@JsonRpcParam("name") String name, @JsonRpcParam("command") String command,
                                          @OptionalParam @JsonRpcParam("cwd") String cwd,
                                          @OptionalParam @JsonRpcParam("env") Map<String, String> env,
                                          @OptionalParam @JsonRpcParam("restart") String restart) {
        return services.run(name, command, cwd, env, restart);
    }

    @JsonRpcMethod(Methods.SERVICE_REMOVE)
    public Map<String, Object> serviceRemove(@JsonRpcParam("ref") String ref) {
        return services.remove(ref);
    }

    @JsonRpcMethod(Methods.SERVICE_HISTORY)
    public Map<String, Object> serviceHistory(@JsonRpcParam("ref") String ref,
                                              @OptionalParam @JsonRpcParam("dir") String dir,
                                              @OptionalParam @JsonRpcParam("limit") Integer limit) {
        return services.history(ref, dir, limit);
    }

    // ------------------------------------------------------------------ logs

    @JsonRpcMethod(Methods.LOGS_READ)
    public Map<String, Object> logsRead(@JsonRpcParam("ref") String ref,
                                        @OptionalParam @JsonRpcParam("dir") String dir,
                                        @OptionalParam @JsonRpcParam("tail") Integer tail,
                                        @OptionalParam @JsonRpcParam("since") String since,
                                        @OptionalParam @JsonRpcParam("until") String until,
                                        @OptionalParam @JsonRpcParam("stream") String stream,
                                        @OptionalParam @JsonRpcParam("after") String after,
                                        @OptionalParam @JsonRpcParam("before") String before) {
        return logs.read(ref, dir, tail, since, until, stream, after, before);
    }

    // ------------------------------------------------------------------ jobs

    @JsonRpcMethod(Methods.JOB_LIST)
    public Map<String, Object> jobList(@OptionalParam @JsonRpcParam("project") String project,
                                       @OptionalParam @JsonRpcParam("dir") String dir) {
        return jobs.list(project, dir);
    }

    @JsonRpcMethod(Methods.JOB_ADD)
    public Map<String, Object> jobAdd(@JsonRpcParam("name") String name, @JsonRpcParam("schedule") String schedule,
                                      @JsonRpcParam("command") String command,
                                      @OptionalParam @JsonRpcParam("cwd") String cwd,
                                      @OptionalParam @JsonRpcParam("env") Map<String, String> env,
                                      @OptionalParam @JsonRpcParam("timezone") String timezone,
                                      @OptionalParam @JsonRpcParam("overlap") String overlap,
                                      @OptionalParam @JsonRpcParam("timeout") String timeout,
                                      @OptionalParam @JsonRpcParam("catchUp") Boolean catchUp) {
        return jobs.add(name, schedule, command, cwd, env, timezone, overlap, timeout, catchUp);
    }

    @JsonRpcMethod(Methods.JOB_REMOVE)
    public Map<String, Object> jobRemove(@JsonRpcParam("ref") String ref) {
        return jobs.remove(ref);
    }

    @JsonRpcMethod(Methods.JOB_RUN)
    public Map<String, Object> jobRun(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir,
                                      @OptionalParam @JsonRpcParam("wait") Boolean wait) {
        return jobs.run(ref, dir, Boolean.TRUE.equals(wait));
    }

    @JsonRpcMethod(Methods.JOB_PAUSE)
    public Map<String, Object> jobPause(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir) {
        return jobs.pause(ref, dir, true);
    }

    @JsonRpcMethod(Methods.JOB_RESUME)
    public Map<String, Object> jobResume(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir) {
        return jobs.pause(ref, dir, false);
    }

    @JsonRpcMethod(Methods.JOB_HISTORY)
    public Map<String, Object> jobHistory(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir,
                                          @OptionalParam @JsonRpcParam("limit") Integer limit) {
        return jobs.history(ref, dir, limit);
    }

    @JsonRpcMethod(Methods.JOB_LOGS)
    public Map<String, Object> jobLogs(@JsonRpcParam("ref") String ref, @OptionalParam @JsonRpcParam("dir") String dir,
                                       @OptionalParam @JsonRpcParam("run") Long run,
                                       @OptionalParam @JsonRpcParam("tail") Integer tail,
                                       @OptionalParam @JsonRpcParam("stream") String stream,
                                       @OptionalParam @JsonRpcParam("after") String after,
                                       @OptionalParam @JsonRpcParam("before") String before) {
        return jobs.logs(ref, dir, run, tail, stream, after, before);
    }

    // ------------------------------------------------------------------ events

    @JsonRpcMethod(Methods.EVENTS_SUBSCRIBE)
    public Map<String, Object> eventsSubscribe(@OptionalParam @JsonRpcParam("topics") List<String> topics,
                                               @OptionalParam @JsonRpcParam("filter") Map<String, Object> filter) {
        Map<String, Object> result = events.subscribe(topics, filter);
        if (result.get("snapshot") instanceof Map<?, ?> snapshot && snapshot.get("services") instanceof List<?> views
                && !views.isEmpty()) {
            Views.putUsage(views, supervisor.list(null));
        }
        return result;
    }

    @JsonRpcMethod(Methods.EVENTS_UNSUBSCRIBE)
    public Map<String, Object> eventsUnsubscribe(@JsonRpcParam("subscription") String subscription) {
        return events.unsubscribe(subscription);
    }
}
