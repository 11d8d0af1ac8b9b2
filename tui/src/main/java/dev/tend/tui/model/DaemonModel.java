package dev.tend.tui.model;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonException;
import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the daemon last told this peer: services, projects, jobs, the seq they are valid at, and the state of
 * the link. It holds nothing of its own: a snapshot replaces everything, a notification changes one thing.
 * Written by the network threads, read by the UI thread through {@link #state()}; the change listener is
 * called after the lock is released.
 */
public final class DaemonModel {
    /** What applying a notification asks of the subscriber. */
    public enum Outcome {
        /** Applied (or harmlessly ignored: a duplicate, an unknown method, another subscription). */
        APPLIED,
        /** The subscription was cancelled (events.lagged): subscribe again and redraw from the new snapshot. */
        RESUBSCRIBE,
        /** The daemon said it is stopping; the connection will close. */
        STOPPING
    }

    /** An immutable picture of the model for one frame. */
    public record State(LinkState link, String linkDetail, String daemonVersion, String instance, long seq,
                        List<ServiceRow> services, List<ProjectRow> projects, List<JobRow> jobs,
                        boolean jobsSupported) {
    }

    private final Runnable onChange;
    private LinkState link = LinkState.CONNECTING;
    private String linkDetail = "";
    /** The link a silence interrupted (live or polling), to go back to once the daemon is heard again. */
    private volatile LinkState linkBeforeSilence;
    private String daemonVersion;
    private String instance;
    private String subscription;
    private long seq = -1;
    private final Map<String, ServiceRow> services = new LinkedHashMap<>();
    private final Map<String, ProjectRow> projects = new LinkedHashMap<>();
    private final Map<String, JobRow> jobs = new LinkedHashMap<>();
    private boolean jobsSupported;

    public DaemonModel(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange);
    }

    public synchronized State state() {
        List<ProjectRow> p = new ArrayList<>(projects.values());
        p.sort(Comparator.comparing(ProjectRow::name));
        return new State(link, linkDetail, daemonVersion, instance, seq, List.copyOf(services.values()), List.copyOf(p),
                List.copyOf(jobs.values()), jobsSupported);
    }

    // ------------------------------------------------------------------ the link

    public void connecting(String detail) {
        change(() -> {
            link = LinkState.CONNECTING;
            linkBeforeSilence = null;
            linkDetail = detail == null ? "" : detail;
        });
    }

    /** A connection said hello: {version, instance, ...}. */
    public void connected(Map<String, Object> hello) {
        change(() -> {
            daemonVersion = JsonObjects.string(hello, "version");
            instance = JsonObjects.string(hello, "instance");
            linkDetail = "";
        });
    }

    /** The daemon went away (or never came); what is on screen stays, marked stale by the link state. */
    public void disconnected(String reason) {
        change(() -> {
            link = LinkState.DISCONNECTED;
            linkBeforeSilence = null;
            linkDetail = reason == null ? "" : reason;
            subscription = null;
        });
    }

    /** Connected, yet the daemon answers nothing (why: in the user's words); the screen stays, marked so. */
    public void silent(String why) {
        change(() -> {
            if (link == LinkState.LIVE || link == LinkState.POLLING) {
                linkBeforeSilence = link;
            }
            if (linkBeforeSilence != null) {
                link = LinkState.SILENT;
                linkDetail = why;
            }
        });
    }

    /** The daemon was heard from: a silence marked by {@link #silent} is over. */
    public void answering() {
        if (linkBeforeSilence == null) {
            return; // read without the lock: at worst the next call catches up
        }
        change(() -> {
            if (link == LinkState.SILENT) {
                link = linkBeforeSilence;
                linkDetail = "";
            }
            linkBeforeSilence = null;
        });
    }

    // ------------------------------------------------------------------ live events

    /** The result of events.subscribe: {subscription, seq, snapshot:{projects, services, jobs}}. */
    public void applySnapshot(Map<String, Object> result) {
        Map<String, Object> snapshot = JsonObjects.object(result.get("snapshot"));
        change(() -> {
            subscription = JsonObjects.string(result, "subscription");
            seq = JsonObjects.number(result, "seq", -1);
            replaceAll(snapshot.get("services"), snapshot.get("projects"), snapshot.get("jobs"));
            if (snapshot.containsKey("jobs")) {
                jobsSupported = true;
            }
            link = LinkState.LIVE;
            linkBeforeSilence = null;
            linkDetail = "";
        });
    }

    /** One notification (method + params) from the subscription connection. */
    public Outcome apply(Map<String, Object> notification) {
        String method = JsonObjects.string(notification, "method");
        Map<String, Object> params = notification.get("params") instanceof Map<?, ?>
                ? JsonObjects.object(notification.get("params")) : Map.of();
        if (Methods.EVENTS_LAGGED.equals(method)) {
            change(() -> {
                subscription = null;
                linkDetail = "caught up after missing " + JsonObjects.number(params, "missed", 0) + " events";
            });
            return Outcome.RESUBSCRIBE;
        }
        if (Methods.DAEMON_STOPPING.equals(method)) {
            String reason = JsonObjects.string(params, "reason");
            disconnected("daemon stopping" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
            return Outcome.STOPPING;
        }
        boolean changed;
        synchronized (this) {
            String sub = JsonObjects.string(params, "subscription");
            if (sub != null && subscription != null && !sub.equals(subscription)) {
                return Outcome.APPLIED; // a stale subscription's late event
            }
            Long eventSeq = JsonObjects.numberOrNull(params, "seq");
            if (eventSeq != null && eventSeq <= seq) {
                return Outcome.APPLIED; // already part of the snapshot
            }
            try {
                changed = applyChange(method, params);
            } catch (JsonException malformed) {
                return Outcome.APPLIED; // a notification missing its view: nothing to show from it
            }
            if (eventSeq != null) {
                seq = eventSeq;
                changed = true;
            }
        }
        if (changed) {
            onChange.run();
        }
        return Outcome.APPLIED;
    }

    /** Applies one state event under the lock; true when something on screen changed. */
    private boolean applyChange(String method, Map<String, Object> params) {
        switch (method == null ? "" : method) {
            case Methods.SERVICE_CHANGED -> {
                ServiceRow row = ServiceRow.from(JsonObjects.object(params.get("service")));
                services.put(row.ref(), row);
            }
            case Methods.SERVICE_REMOVED ->
                services.remove(JsonObjects.string(params, "project") + "/" + JsonObjects.string(params, "name"));
            case Methods.PROJECT_CHANGED -> {
                ProjectRow row = ProjectRow.from(JsonObjects.object(params.get("project")));
                projects.put(row.name(), row);
            }
            case Methods.PROJECT_REMOVED -> projects.remove(JsonObjects.string(params, "name"));
            case Methods.JOB_CHANGED -> {
                JobRow row = JobRow.from(JsonObjects.object(params.get("job")));
                jobs.put(row.key(), row);
                jobsSupported = true;
            }
            case Methods.SERVICE_USAGE -> {
                return applyUsage(params);
            }
            case Methods.JOB_REMOVED ->
                jobs.remove(JsonObjects.string(params, "project") + "/" + JsonObjects.string(params, "name"));
            default -> {
                return false; // a notification this version does not know: newer daemons may send more
            }
        }
        return true;
    }

    /** service.usage: the latest CPU and memory of running services (no seq: it changes no state). */
    private boolean applyUsage(Map<String, Object> params) {
        boolean changed = false;
        for (Object o : JsonObjects.array(params.get("services"))) {
            Map<String, Object> u = JsonObjects.object(o);
            String ref = JsonObjects.string(u, "project") + "/" + JsonObjects.string(u, "name");
            ServiceRow row = services.get(ref);
            // A row that is not up has no process to measure: a sample for it is from a run already over.
            if (row != null && row.isUp()) {
                ServiceRow measured = row.withUsage(JsonObjects.decimal(u, "cpuPercent"), JsonObjects.number(u, "rssBytes", 0));
                changed |= !measured.equals(row);
                services.put(ref, measured);
            }
        }
        return changed;
    }

    // ------------------------------------------------------------------ polling (daemons without events)

    /**
     * A full re-read by polling: service.list's result, project.list's result, and job.list's result or null
     * when the daemon has no jobs.
     */
    public void applyPoll(Map<String, Object> serviceList, Map<String, Object> projectList, Map<String, Object> jobList) {
        change(() -> {
            seq = JsonObjects.number(serviceList, "seq", seq);
            replaceAll(serviceList.get("services"), projectList.get("projects"), jobList == null ? null : jobList.get("jobs"));
            jobsSupported = jobList != null;
            link = LinkState.POLLING;
            linkBeforeSilence = null;
            linkDetail = "";
        });
    }

    private void replaceAll(Object serviceViews, Object projectViews, Object jobViews) {
        services.clear();
        if (serviceViews != null) {
            for (Object o : JsonObjects.array(serviceViews)) {
                ServiceRow row = ServiceRow.from(JsonObjects.object(o));
                services.put(row.ref(), row);
            }
        }
        projects.clear();
        if (projectViews != null) {
            for (Object o : JsonObjects.array(projectViews)) {
                ProjectRow row = ProjectRow.from(JsonObjects.object(o));
                projects.put(row.name(), row);
            }
        }
        jobs.clear();
        if (jobViews != null) {
            for (Object o : JsonObjects.array(jobViews)) {
                JobRow row = JobRow.from(JsonObjects.object(o));
                jobs.put(row.key(), row);
            }
        }
    }

    private void change(Runnable mutation) {
        synchronized (this) {
            mutation.run();
        }
        onChange.run();
    }
}
