package dev.tend.mcp;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** up_project, down_project and reload_project. */
final class ProjectTools extends ToolGroup {
    ProjectTools(Context context) {
        super(context);
    }

    @Override
    void register(ToolSet tools) {
        tools.acting("up_project", "Start a project",
                "Registers a project from its tend.yaml (if needed) and starts its services, or only the given "
                        + "ones and what they depend on; running services are left as they are. Returns JSON "
                        + "{project, added, changed, removed, unchanged (what loading its file changed), services "
                        + "(as list_services shows them), warnings}. With wait: true it answers once they are all "
                        + "ready, or fails naming the one that did not get there.",
                projectSchema().stringList("services", "Only these services (and what they depend on).")
                        .bool("wait", "Wait until the started services are ready (default false)."),
                false, true, this::up);
        tools.acting("down_project", "Stop a project",
                "Stops a project's services (dependents first), or only the given ones; the project stays "
                        + "registered. Returns JSON {project, services (as list_services shows them)}.",
                projectSchema().stringList("services", "Only these services."),
                true, true, this::down);
        tools.acting("reload_project", "Reload a project's file",
                "Reads a project's tend.yaml again and applies what changed: new services are added, removed "
                        + "ones stopped, changed ones restarted if they were running. Returns JSON {project, "
                        + "added, changed, removed, unchanged, jobs: {added, changed, removed}}.",
                projectSchema(), true, false, this::reload);
    }

    private static Schema projectSchema() {
        return new Schema().string("project", "The project's name (as list_services shows it).")
                .string("dir", "The project's directory (holding its tend.yaml); default: the directory the "
                        + "agent runs in, unless project is given.");
    }

    private Object up(Args a) {
        Map<String, Object> p = new LinkedHashMap<>();
        String project = a.string("project");
        String dir = a.string("dir");
        if (project != null && dir == null) {
            Map<String, Object> known = knownProject(project);
            p.put("dir", known.get("dir"));
            Views.putIfSet(p, "file", known.get("file"));
        } else {
            p.put("dir", dir != null ? targets.against(dir) : targets.dir());
        }
        services(a, p);
        if (a.bool("wait", false)) {
            p.put("wait", true);
        }
        Map<String, Object> r = link.call(Methods.PROJECT_UP, p);
        Map<String, Object> out = diff(r);
        out.put("services", serviceViews(r));
        out.put("warnings", r.get("warnings"));
        return out;
    }

    private Object down(Args a) {
        Map<String, Object> p = targets.project(a);
        services(a, p);
        Map<String, Object> r = link.call(Methods.PROJECT_DOWN, p);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", r.get("project"));
        out.put("services", serviceViews(r));
        return out;
    }

    private Object reload(Args a) {
        Map<String, Object> r = link.call(Methods.PROJECT_RELOAD, targets.project(a));
        Map<String, Object> out = diff(r);
        out.put("jobs", r.get("jobs"));
        return out;
    }

    private static void services(Args a, Map<String, Object> p) {
        Object given = a.raw("services");
        if (given == null) {
            return;
        }
        if (!(given instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new ToolError("argument 'services' must be a list of service names, not " + given);
        }
        if (!list.isEmpty()) {
            p.put("services", list);
        }
    }

    /** A registered project by name, or an error listing those there are (for up by name). */
    private Map<String, Object> knownProject(String name) {
        List<String> names = new ArrayList<>();
        for (Object o : JsonObjects.array(link.call(Methods.PROJECT_LIST, Map.of()).get("projects"))) {
            Map<String, Object> p = JsonObjects.object(o);
            if (name.equals(p.get("name"))) {
                if (p.get("dir") == null) {
                    throw new ToolError("project '" + name + "' has no directory (ad-hoc services): start its "
                            + "services with start_service");
                }
                return p;
            }
            names.add(String.valueOf(p.get("name")));
        }
        throw new ToolError("no project '" + name + "'" + (names.isEmpty() ? "; none is registered: give dir, "
                + "the directory holding its tend.yaml" : "; projects: " + String.join(", ", names)
                + " (or give dir, the directory holding its tend.yaml)"));
    }

    private static Map<String, Object> diff(Map<String, Object> r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", r.get("project"));
        for (String k : List.of("added", "changed", "removed", "unchanged")) {
            out.put(k, r.get(k));
        }
        return out;
    }

    private List<Object> serviceViews(Map<String, Object> r) {
        List<Object> list = new ArrayList<>();
        for (Object o : JsonObjects.array(r.get("services"))) {
            list.add(views.service(JsonObjects.object(o)));
        }
        return list;
    }
}
