package dev.tend.daemon.core;

import dev.tend.protocol.ReplicaNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `replicas: N` and `tend scale` (docs/project-file.md, "Replicas"): the names of a service's copies (the rule is
 * protocol's {@link ReplicaNames}, shared with the clients), how many copies a service runs, and the project a file
 * declares with each replicated service turned into its copies.
 */
public final class Replicas {
    /** More copies than this is a typo, not a plan (pm2's -i max is the core count). */
    public static final int MAX = 64;
    /** The copy's number, 1..N, in its environment. */
    public static final String ENV = "TEND_REPLICA";
    /** What a process of a process-compose file has (project.ProcessComposeReader sets it): its copy's number from 0. */
    public static final String PROCESS_COMPOSE_ENV = "PC_REPLICA_NUM";

    /**
     * A count set by `tend scale`, kept in the store, with the `replicas:` the file gave when it was set (0: none).
     * It holds while the file still says that; a file that changed its `replicas:` wins again.
     */
    public record Scaled(int count, int fileCount) {
        boolean holds(int fileNow) {
            return fileCount == fileNow;
        }
    }

    private Replicas() {
    }

    public static String copyName(String group, int index) {
        return ReplicaNames.copyName(group, index);
    }

    /** "api" for "api#2"; null for a plain service. */
    public static String groupOf(String name) {
        return ReplicaNames.groupOf(name);
    }

    /** 2 for "api#2"; 0 for a plain service. */
    public static int indexOf(String name) {
        return ReplicaNames.indexOf(name);
    }

    /** The copies of the group among the names, by number. */
    public static List<String> copies(String group, Collection<String> names) {
        return names.stream().filter(n -> group.equals(groupOf(n))).sorted(Comparator.comparingInt(Replicas::indexOf))
                .toList();
    }

    /** Why a count is refused, or null. */
    public static String problem(long count) {
        return count >= 1 && count <= MAX ? null : "replicas must be a whole number from 1 to " + MAX + ", not " + count;
    }

    /**
     * The scale to keep for `tend scale project/service count`, checked against the project as declared.
     *
     * @throws SupervisorException INVALID for a count out of range, NOT_FOUND for a service the file does not
     *                             declare, CONFLICT for copies of a service on a fixed port, or a project without a loaded file
     */
    static Scaled scale(ProjectSpec declared, String project, String service, int count) {
        String problem = problem(count);
        if (problem != null) {
            throw SupervisorException.invalid(count < 1 ? problem + " (to stop every copy: tend stop " + service + ")"
                    : problem);
        }
        if (declared == null) {
            // the ad-hoc services (tend run), or a project whose file could not be loaded
            throw SupervisorException.conflict("project '" + project + "' has no project file to scale it in");
        }
        ServiceSpec s = declared.services().get(service);
        if (s == null) {
            throw SupervisorException.notFound("project '" + project + "' declares no service named '" + service
                    + "' to scale (it declares: " + String.join(", ", declared.services().keySet()) + ")");
        }
        if (count > 1 && s.port() > 0) {
            throw SupervisorException.conflict(service + " has the fixed port " + s.port() + ", which " + count
                    + " copies cannot share: use port: auto, or a port made from " + ENV + " in the command");
        }
        return new Scaled(count, declared.replicas().getOrDefault(service, 0));
    }

    /**
     * The declared project as it runs: each replicated service as its copies, by the file and by the scales kept in
     * the store; a kept scale the file has outdated is dropped from the store.
     */
    static ProjectSpec applied(ProjectSpec declared, StateStore store) {
        Map<String, Scaled> scaled = store.scales().getOrDefault(declared.name(), Map.of());
        stale(declared, scaled).forEach(s -> store.removeScale(declared.name(), s));
        return expand(declared, counts(declared, scaled));
    }

    /**
     * How many copies each service runs: a kept scale while the file still says what it said then, else the file's
     * `replicas:`; a service with neither is a plain service (absent).
     */
    static Map<String, Integer> counts(ProjectSpec raw, Map<String, Scaled> scaled) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String service : raw.services().keySet()) {
            int file = raw.replicas().getOrDefault(service, 0);
            Scaled s = scaled.get(service);
            if (s != null && s.holds(file)) {
                counts.put(service, s.count());
            } else if (file > 0) {
                counts.put(service, file);
            }
        }
        return counts;
    }

    /** The kept scales a reload of this file drops: their service is gone, or its `replicas:` changed since. */
    static List<String> stale(ProjectSpec raw, Map<String, Scaled> scaled) {
        return scaled.entrySet().stream().filter(e -> !raw.services().containsKey(e.getKey())
                || !e.getValue().holds(raw.replicas().getOrDefault(e.getKey(), 0))).map(Map.Entry::getKey).toList();
    }

    /**
     * The project with each counted service replaced, in its place, by its copies, each with TEND_REPLICA; a
     * dependency on a counted service becomes one on each of its copies, with the same condition.
     */
    static ProjectSpec expand(ProjectSpec raw, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return raw;
        }
        Map<String, ServiceSpec> out = new LinkedHashMap<>();
        for (ServiceSpec s : raw.services().values()) {
            ServiceSpec rewired = s.withDependsOn(dependencies(s.dependsOn(), counts));
            Integer n = counts.get(s.name());
            if (n == null) {
                out.put(s.name(), rewired);
                continue;
            }
            for (int i = 1; i <= n; i++) {
                String name = copyName(s.name(), i);
                out.put(name, rewired.asCopy(name, i));
            }
        }
        return raw.withServices(out);
    }

    /**
     * Whether two specs of a service differ at most in which copies of a replicated dependency they wait for: a
     * dependent of a service that was scaled keeps running (it waits for the new copies at its next start).
     */
    static boolean sameButCopies(ServiceSpec a, ServiceSpec b) {
        return a.withDependsOn(groups(a.dependsOn())).equals(b.withDependsOn(groups(b.dependsOn())));
    }

    private static List<Dependency> groups(List<Dependency> dependencies) {
        return dependencies.stream().map(d -> groupOf(d.service()) == null ? d
                : new Dependency(groupOf(d.service()), d.condition())).distinct().toList();
    }

    private static List<Dependency> dependencies(List<Dependency> declared, Map<String, Integer> counts) {
        List<Dependency> out = new ArrayList<>();
        for (Dependency d : declared) {
            Integer n = counts.get(d.service());
            if (n == null) {
                out.add(d);
            } else {
                for (int i = 1; i <= n; i++) {
                    out.add(new Dependency(copyName(d.service(), i), d.condition()));
                }
            }
        }
        return out;
    }
}
