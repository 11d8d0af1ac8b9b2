package dev.tend.daemon.core.jobs;

import java.util.List;

/** What registering a project's jobs did to them, by name: new, with new settings, and forgotten ones. */
public record JobChanges(List<String> added, List<String> changed, List<String> removed) {

    public static final JobChanges NONE = new JobChanges(List.of(), List.of(), List.of());

    public JobChanges {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
