package dev.tend.daemon.core.events;

import dev.tend.protocol.ReplicaNames;

import java.util.Set;

/**
 * Narrows a subscription to one project and/or some services. Jobs are narrowed by project only; the services list
 * narrows services and their logs (and the projects that hold them).
 *
 * @param project  null: every project
 * @param services "project/service" refs; empty: every service. The ref of a replicated service (`api`) covers each
 *                 of its copies (`api#1` …), those it runs now and those a scale or reload adds later, so a follower
 *                 of the group sees new copies without subscribing again.
 */
public record EventFilter(String project, Set<String> services) {

    public static final EventFilter NONE = new EventFilter(null, Set.of());

    public EventFilter {
        services = Set.copyOf(services);
    }

    public boolean service(String project, String name) {
        if (!projectOk(project)) {
            return false;
        }
        if (services.isEmpty() || services.contains(project + "/" + name)) {
            return true;
        }
        String group = ReplicaNames.groupOf(name);
        return group != null && services.contains(project + "/" + group);
    }

    public boolean project(String name) {
        return projectOk(name) && (services.isEmpty() || services.stream().anyMatch(s -> s.startsWith(name + "/")));
    }

    public boolean job(String project) {
        return projectOk(project);
    }

    private boolean projectOk(String p) {
        return project == null || project.equals(p);
    }
}
