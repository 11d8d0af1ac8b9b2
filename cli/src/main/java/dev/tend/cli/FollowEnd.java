package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When `tend logs -f` has nothing left to follow: every service it follows by name removed (`tend rm`, a reload
 * that drops it, `tend forget`), or the project it follows forgotten. Removed, a service can never write again,
 * whereas a stopped one may start again, so a stop goes on being followed. Following --all never ends. Pure: fed
 * each subscription's snapshot and each event, it answers with the line to end on, or null.
 */
final class FollowEnd {
    /** The project followed as a whole, or null. */
    private final String project;
    /** Followed by name (or group): the services there now ("project/service"); null when not. */
    private final Set<String> present;

    private FollowEnd(String project, Set<String> present) {
        this.project = project;
        this.present = present;
    }

    /**
     * @param filter   the events.subscribe filter of the follow: {project}, {services}, or none (--all)
     * @param services the services whose logs were printed ("project/service")
     */
    static FollowEnd of(Map<String, Object> filter, List<String> services) {
        if (filter.get("project") instanceof String p) {
            return new FollowEnd(p, null);
        }
        if (filter.containsKey("services")) {
            return new FollowEnd(null, new LinkedHashSet<>(services));
        }
        return new FollowEnd(null, null);
    }

    /** Whether service events matter: the follow can end (the subscription then asks for the service topic). */
    boolean canEnd() {
        return project != null || present != null;
    }

    /** After each (re)subscription: its snapshot is what there is now (a removal may have fallen in a lag). */
    String subscribed(Map<String, Object> result) {
        if (!(result.get("snapshot") instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> snapshot = JsonObjects.object(raw);
        if (project != null) {
            for (Object o : JsonObjects.array(snapshot.get("projects"))) {
                Object name = o instanceof Map<?, ?> m ? m.get("name") : o;
                if (project.equals(name)) {
                    return null;
                }
            }
            return forgotten();
        }
        if (present != null) {
            String before = String.join(", ", present);
            present.clear();
            for (Object o : JsonObjects.array(snapshot.get("services"))) {
                Map<String, Object> s = JsonObjects.object(o);
                present.add(s.get("project") + "/" + s.get("name"));
            }
            if (present.isEmpty()) {
                return before + (before.contains(",") ? " were" : " was") + " removed: nothing left to follow";
            }
        }
        return null;
    }

    /** Each event of the subscription. */
    String event(String method, Map<String, Object> params) {
        if (project != null && Methods.PROJECT_REMOVED.equals(method) && project.equals(params.get("name"))) {
            return forgotten();
        }
        if (present == null) {
            return null;
        }
        if (Methods.SERVICE_CHANGED.equals(method) && params.get("service") instanceof Map<?, ?> raw) {
            Map<String, Object> s = JsonObjects.object(raw); // a copy a scale added, say
            present.add(s.get("project") + "/" + s.get("name"));
        } else if (Methods.SERVICE_REMOVED.equals(method)) {
            String ref = params.get("project") + "/" + params.get("name");
            if (present.remove(ref) && present.isEmpty()) {
                return ref + " was removed: nothing left to follow";
            }
        }
        return null;
    }

    private String forgotten() {
        return "project " + project + " was forgotten: nothing left to follow";
    }
}
