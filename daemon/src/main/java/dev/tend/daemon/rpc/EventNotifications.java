package dev.tend.daemon.rpc;

import dev.tend.daemon.core.jobs.JobSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tend.daemon.core.events.Event;
import dev.tend.protocol.Methods;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Bus events as the protocol's notifications (one JSON text each): method names and params of the events contract.
 *
 * <p>The bus hands one event object to every subscriber that wants it, and all that differs between their
 * notifications is the subscription id, the first member of params. So an event is written once (everything but
 * that id) and each subscriber's line is spliced from it: with 100 subscribers a change costs one serialisation,
 * not 100.
 */
public final class EventNotifications {
    private final ObjectMapper mapper;
    private final Function<JobSnapshot, Object> jobView;
    /**
     * Renderings of the events still queued somewhere: an event is forgotten once no subscription holds it any more.
     * Keyed by the event's value, which is fine: equal events render equally (and the bus's are distinct objects).
     */
    private final Map<Event, Rendering> rendered = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param jobView maps a job to its JobView (e.g. a Map); by default {@link JobViews#job}
     */
    public EventNotifications(ObjectMapper mapper, Function<JobSnapshot, Object> jobView) {
        this.mapper = mapper;
        this.jobView = jobView != null ? jobView : JobViews::job;
    }

    Object job(JobSnapshot job) {
        return jobView.apply(job);
    }

    String line(String subscription, Event event) {
        Rendering r = rendered.get(event);
        if (r == null) {
            r = render(event);
            if (worthKeeping(event)) {
                rendered.put(event, r);
            }
        }
        try {
            return r.head + mapper.writeValueAsString(subscription) + r.tail;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a subscription id", e);
        }
    }

    /**
     * State changes, which every subscriber of a service or project gets. Not a log page (its rendering, up to half a
     * MiB, would outlive the page's delivery until the next collection), nor what only one subscriber ever gets.
     */
    private static boolean worthKeeping(Event event) {
        return event.weight() <= CACHED_WEIGHT && !(event instanceof Event.Lagged || event instanceof Event.ServiceUsage);
    }

    private static final long CACHED_WEIGHT = 16 * 1024;

    /** A notification without its subscription id: {@code head + "\"sub-1\"" + tail} is the whole line. */
    record Rendering(String head, String tail) {
    }

    private Rendering render(Event event) {
        Map<String, Object> params = new LinkedHashMap<>();
        String method;
        if (event instanceof Event.ServiceChanged e) {
            params.put("seq", e.seq());
            params.put("service", Views.service(e.service()));
            method = Methods.SERVICE_CHANGED;
        } else if (event instanceof Event.ServiceRemoved e) {
            params.put("seq", e.seq());
            params.put("project", e.project());
            params.put("name", e.name());
            method = Methods.SERVICE_REMOVED;
        } else if (event instanceof Event.ProjectChanged e) {
            params.put("seq", e.seq());
            params.put("project", Views.project(e.project()));
            method = Methods.PROJECT_CHANGED;
        } else if (event instanceof Event.ProjectRemoved e) {
            params.put("seq", e.seq());
            params.put("name", e.name());
            method = Methods.PROJECT_REMOVED;
        } else if (event instanceof Event.JobChanged e) {
            params.put("seq", e.seq());
            params.put("job", job(e.job()));
            method = Methods.JOB_CHANGED;
        } else if (event instanceof Event.JobRemoved e) {
            params.put("seq", e.seq());
            params.put("project", e.project());
            params.put("name", e.name());
            method = Methods.JOB_REMOVED;
        } else if (event instanceof Event.LogAppended e) {
            params.put("project", e.project());
            params.put("service", e.service());
            params.put("lines", LogLinesJson.array(e.project(), e.service(), e.lines()));
            params.put("next", e.next().token());
            method = Methods.LOG_APPENDED;
        } else if (event instanceof Event.DaemonStopping e) {
            params.put("seq", e.seq());
            params.put("reason", e.reason());
            method = Methods.DAEMON_STOPPING;
        } else if (event instanceof Event.ServiceUsage e) {
            params.put("services", e.services().stream().map(Views::usage).toList());
            method = Methods.SERVICE_USAGE;
        } else {
            params.put("missed", ((Event.Lagged) event).missed());
            method = Methods.EVENTS_LAGGED;
        }
        try {
            String rest = mapper.writeValueAsString(params); // {"seq":…,…}: never empty, every event has members
            String head = "{\"jsonrpc\":\"2.0\",\"method\":" + mapper.writeValueAsString(method) + ",\"params\":{\"subscription\":";
            return new Rendering(head, "," + rest.substring(1) + "}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + method + " notification", e);
        }
    }
}
