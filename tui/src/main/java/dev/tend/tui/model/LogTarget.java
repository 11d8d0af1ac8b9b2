package dev.tend.tui.model;

import dev.tend.protocol.ReplicaNames;

import java.util.Objects;

/**
 * Whose log the log pane follows: one service, a replicated service's copies (service is the group's name), or
 * (service == null) a whole project interleaved.
 */
public record LogTarget(String project, String service) {
    public LogTarget {
        Objects.requireNonNull(project);
    }

    public static LogTarget service(String project, String service) {
        return new LogTarget(project, Objects.requireNonNull(service));
    }

    public static LogTarget project(String project) {
        return new LogTarget(project, null);
    }

    public boolean wholeProject() {
        return service == null;
    }

    public boolean covers(String project, String service) {
        return this.project.equals(project) && (this.service == null || this.service.equals(service)
                || this.service.equals(ReplicaNames.groupOf(service)));
    }

    public String label() {
        return wholeProject() ? project + " (all services)" : project + "/" + service;
    }
}
