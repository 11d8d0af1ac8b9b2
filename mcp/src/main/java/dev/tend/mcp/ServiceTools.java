package dev.tend.mcp;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools about services: list them, start, stop and restart one, and read its history. */
final class ServiceTools extends ToolGroup {
    ServiceTools(Context context) {
        super(context);
    }

    @Override
    void register(ToolSet tools) {
        tools.reading("list_services", "List services",
                "Lists tend's projects and their services with what each is doing now. Returns JSON: "
                        + "{projects: [{project, dir, file, problem?, services: [{service (project/name), state, "
                        + "pid, uptime, cpuPercent, memory, restarts, port, exitCode, signal, reason, inStateFor, "
                        + "desired}]}]}. state is one of stopped, starting, running, ready (up and passing its "
                        + "readiness check), stopping, exited, completed (a task, restart: no, that ran to its end; "
                        + "exitCode says how), crashed, backoff (waiting to restart), failed (gave up restarting, "
                        + "or a dependency ended so that it cannot start); reason says why in words. pid, uptime, cpu and memory appear only while "
                        + "a process runs. Without a project, every project is listed.",
                new Schema().string("project", "Only this project (its name as listed)."),
                this::list);
        tools.acting("start_service", "Start a service",
                "Starts a stopped, exited or failed service (and, if it depends on others, those first). Returns "
                        + "the service as list_services shows it right after the start was made, usually "
                        + "'starting' or 'running': use wait_for_service to wait until it is ready.",
                serviceSchema(), false, true, a -> action(Methods.SERVICE_START, a));
        tools.acting("stop_service", "Stop a service",
                "Stops a running service (its whole process tree: SIGTERM, then SIGKILL after its grace "
                        + "period) and keeps it stopped. Returns the service as list_services shows it afterwards.",
                serviceSchema(), true, true, a -> action(Methods.SERVICE_STOP, a));
        tools.acting("restart_service", "Restart a service",
                "Stops and starts a service again (starts it if it was not running). Returns the service as "
                        + "list_services shows it right after; use wait_for_service to wait until it is ready.",
                serviceSchema(), true, false, a -> action(Methods.SERVICE_RESTART, a));
        tools.reading("service_history", "Service history",
                "The recorded life of one service, newest first: starts, stops, exits and crashes with their "
                        + "exit code or signal, restarts, failures and why. Returns JSON {service, entries: "
                        + "[{time, kind, pid, exitCode, signal, reason}]}. Use it to see why a service keeps "
                        + "crashing or when it last restarted.",
                serviceSchema().integer("limit", "How many entries, newest first (default 20).", 1, 1000),
                this::history);
    }

    static Schema serviceSchema() {
        return new Schema().requiredString("service", "The service's name (e.g. api), or project/name.")
                .string("project", Targets.PROJECT_HELP);
    }

    private Object list(Args a) {
        String project = a.string("project");
        Map<String, Object> services = link.call(Methods.SERVICE_LIST,
                project == null ? Map.of() : Map.of("project", project));
        Map<String, Object> projects = link.call(Methods.PROJECT_LIST, Map.of());
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Object o : JsonObjects.array(projects.get("projects"))) {
            Map<String, Object> p = JsonObjects.object(o);
            String name = JsonObjects.string(p, "name");
            if (project != null && !project.equals(name)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("project", name);
            Views.putIfSet(entry, "dir", p.get("dir"));
            Views.putIfSet(entry, "file", p.get("file"));
            Views.putIfSet(entry, "problem", p.get("problem"));
            entry.put("services", new ArrayList<>());
            byName.put(name, entry);
        }
        for (Object o : JsonObjects.array(services.get("services"))) {
            Map<String, Object> s = JsonObjects.object(o);
            Map<String, Object> entry = byName.computeIfAbsent(JsonObjects.string(s, "project"), n -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("project", n);
                e.put("services", new ArrayList<>());
                return e;
            });
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) entry.get("services");
            list.add(views.service(s));
        }
        // the ad-hoc project (`tend run`) always exists: listed only when it has services
        byName.values().removeIf(e -> "adhoc".equals(e.get("project")) && ((List<?>) e.get("services")).isEmpty());
        return Map.of("projects", new ArrayList<>(byName.values()));
    }

    private Object action(String method, Args a) {
        Map<String, Object> view = link.call(method, targets.ref(a, "service"));
        if (view.containsKey("copies")) { // a replicated service: each copy (docs/project-file.md, Replicas)
            return Map.of("service", view.get("project") + "/" + view.get("name"), "copies",
                    JsonObjects.array(view.get("copies")).stream().map(c -> served(JsonObjects.object(c))).toList());
        }
        return served(view);
    }

    private Object served(Map<String, Object> view) {
        if (!view.containsKey("state")) {
            return Map.of("service", view.get("project") + "/" + view.get("name"), "state", "removed meanwhile");
        }
        return views.service(view);
    }

    private Object history(Args a) {
        Map<String, Object> p = targets.ref(a, "service");
        p.put("limit", a.integer("limit", 20, 1, 1000));
        Map<String, Object> h = link.call(Methods.SERVICE_HISTORY, p);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", h.get("project") + "/" + h.get("service"));
        List<Object> entries = new ArrayList<>();
        for (Object o : JsonObjects.array(h.get("entries"))) {
            Map<String, Object> e = JsonObjects.object(o);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("time", e.get("time"));
            x.put("kind", e.get("kind"));
            if (JsonObjects.number(e, "pid", 0) > 0) {
                x.put("pid", e.get("pid"));
            }
            Views.putIfSet(x, "exitCode", e.get("exitCode"));
            Views.putIfSet(x, "signal", e.get("signal"));
            Views.putIfSet(x, "reason", e.get("reason"));
            entries.add(x);
        }
        out.put("entries", entries);
        return out;
    }
}
