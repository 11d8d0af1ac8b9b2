package dev.tend.daemon.rpc;

import dev.tend.daemon.core.jobs.JobSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tend.daemon.core.events.Event;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.protocol.Methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Bus events as the protocol's notifications (one JSON text each): method names and params of the events contract. */
public final class EventNotifications {
    private final ObjectMapper mapper;
    private final Function<Object, Object> jobView;

    /**
     * @param jobView maps the job scheduler's value to its JobView (e.g. a Map); by default the value is written
     *                as Jackson sees it
     */
    public EventNotifications(ObjectMapper mapper, Function<Object, Object> jobView) {
        this.mapper = mapper;
        this.jobView = jobView != null ? jobView : job -> job instanceof JobSnapshot j ? JobViews.job(j) : job;
    }

    Object job(Object job) {
        return jobView.apply(job);
    }

    String line(String subscription, Event event) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("subscription", subscription);
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
            List<Map<String, Object>> lines = new ArrayList<>(e.lines().size());
            for (LogLine l : e.lines()) {
                lines.add(Views.logLine(e.project(), e.service(), l));
            }
            params.put("lines", lines);
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
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.put("params", params);
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + method + " notification", e);
        }
    }
}
