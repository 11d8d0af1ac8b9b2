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
        if (event instanceof Event.ServiceChanged e) {
            return render(Methods.SERVICE_CHANGED, "seq", e.seq(), "service", Views.service(e.service()));
        } else if (event instanceof Event.ServiceRemoved e) {
            return render(Methods.SERVICE_REMOVED, "seq", e.seq(), "project", e.project(), "name", e.name());
        } else if (event instanceof Event.ProjectChanged e) {
            return render(Methods.PROJECT_CHANGED, "seq", e.seq(), "project", Views.project(e.project()));
        } else if (event instanceof Event.ProjectRemoved e) {
            return render(Methods.PROJECT_REMOVED, "seq", e.seq(), "name", e.name());
        } else if (event instanceof Event.JobChanged e) {
            return render(Methods.JOB_CHANGED, "seq", e.seq(), "job", job(e.job()));
        } else if (event instanceof Event.JobRemoved e) {
            return render(Methods.JOB_REMOVED, "seq", e.seq(), "project", e.project(), "name", e.name());
        } else if (event instanceof Event.LogAppended e) {
            return render(Methods.LOG_APPENDED, "project", e.project(), "service", e.service(),
                    "lines", LogLinesJson.array(e.project(), e.service(), e.lines()), "next", e.next().token());
        } else if (event instanceof Event.DaemonStopping e) {
            return render(Methods.DAEMON_STOPPING, "seq", e.seq(), "reason", e.reason());
        } else if (event instanceof Event.ServiceUsage e) {
            return render(Methods.SERVICE_USAGE, "services", e.services().stream().map(Views::usage).toList());
        }
        return render(Methods.EVENTS_LAGGED, "missed", ((Event.Lagged) event).missed());
    }

    /** @param members the params after the subscription id: name, value, name, value, … */
    private Rendering render(String method, Object... members) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            params.put((String) members[i], members[i + 1]);
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
