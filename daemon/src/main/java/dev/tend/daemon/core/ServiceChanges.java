package dev.tend.daemon.core;

import java.util.List;

/** What {@code register}/{@code reload} did to a project's services, by name. */
public record ServiceChanges(String project, List<String> added, List<String> removed, List<String> changed,
                             List<String> unchanged) {

    public ServiceChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }
}
