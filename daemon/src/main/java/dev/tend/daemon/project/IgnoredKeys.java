package dev.tend.daemon.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process-compose keys tend cannot honour: one warning per key, at its first line, naming the other places and
 * why tend has no meaning for it, then one summary line with how many were ignored. A file from process-compose's
 * own examples repeats the same key on many processes; one warning each would bury the few that matter.
 */
final class IgnoredKeys {

    /** Why tend has nothing to map the key onto; docs/ecosystem.md keeps the same list. */
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("log_level", "this is process-compose's own log level; tend's is log_level in config.yaml"),
            Map.entry("log_length", "this sizes process-compose's log view; tend keeps every line on disk (tend logs)"),
            Map.entry("log_location", "tend logs each service to its own file (tend logs)"),
            Map.entry("exit_on_end", "one daemon runs several projects: it does not exit when a process ends"),
            Map.entry("exit_on_failure", "one daemon runs several projects: it does not exit when a process fails"),
            Map.entry("is_daemon", "tend follows the process it started, not one it forks"),
            Map.entry("is_foreground", "tend runs services without a terminal (tend logs -f shows them)"),
            Map.entry("shell", "tend runs commands with /bin/sh -c"));

    private record Place(int line, String where) {
    }

    private final String file;
    private final Map<String, List<Place>> byKey = new LinkedHashMap<>();

    IgnoredKeys(String file) {
        this.file = file;
    }

    /** @param kind "top-level key", "availability key", ...; @param where "process 'api'", or null at the top level */
    void add(YamlNode.Entry e, String kind, String where) {
        byKey.computeIfAbsent(kind + " '" + e.key() + "'", k -> new ArrayList<>()).add(new Place(e.line(), where));
    }

    List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Place>> k : byKey.entrySet()) {
            List<Place> places = k.getValue();
            Place first = places.get(0);
            StringBuilder w = new StringBuilder(file + ":" + first.line() + ": ignored " + k.getKey());
            if (first.where() != null) {
                w.append(" of ").append(first.where());
            }
            if (places.size() > 1) {
                w.append(" (and ").append(places.size() - 1).append(" more, lines ");
                w.append(String.join(", ", places.subList(1, places.size()).stream()
                        .map(p -> Integer.toString(p.line())).toList())).append(')');
            }
            String key = k.getKey().substring(k.getKey().indexOf('\'') + 1, k.getKey().length() - 1);
            w.append(": ").append(WHY.getOrDefault(key, "tend has no meaning for it"));
            out.add(w.toString());
        }
        if (!byKey.isEmpty()) {
            int places = byKey.values().stream().mapToInt(List::size).sum();
            out.add(file + ": " + byKey.size() + (byKey.size() == 1 ? " key" : " keys") + " ignored (" + places
                    + (places == 1 ? " place" : " places") + "); everything else is read with its process-compose "
                    + "meaning");
        }
        return out;
    }
}
