package dev.tend.daemon.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The registered projects and their services, by name, and what a changed project file does to them. Read and
 * changed under the supervisor's lock.
 */
final class ProjectRegistry {

    /** What the supervisor does for each service a reload adds, changes or removes, as the diff meets it. */
    interface DiffSteps {
        /** A new service, wanted running if the project is up. */
        void added(Service svc, boolean up);

        /** Its spec changed (already set on it), in what its process is: it restarts if running. */
        void changed(Service svc);

        /** Only its alive or max_memory changed (already set on it): they apply to the running process. */
        void healthChanged(Service svc);

        /** Gone from the file (already out of its project). */
        void removed(Service svc);
    }

    private final Map<String, Project> projects = new LinkedHashMap<>();

    Project get(String name) {
        return projects.get(name);
    }

    boolean contains(String name) {
        return projects.containsKey(name);
    }

    void add(Project p) {
        projects.put(p.name, p);
    }

    Project remove(String name) {
        return projects.remove(name);
    }

    /** The project of that name, added (without services) if it is not registered. */
    Project getOrAdd(String name, Path dir, Path file, Map<String, String> baseEnv) {
        return projects.computeIfAbsent(name, n -> new Project(n, dir, file, baseEnv));
    }

    /** The project that holds the ad-hoc services, made on first use. */
    Project adhoc() {
        return getOrAdd(Supervisor.ADHOC, null, null, Map.of());
    }

    List<Project> all() {
        return List.copyOf(projects.values());
    }

    /** Every service of every project, in registration and file order. */
    List<Service> allServices() {
        List<Service> all = new ArrayList<>();
        projects.values().forEach(p -> all.addAll(p.services.values()));
        return all;
    }

    /** One project, or all if null. */
    List<Project> select(String projectOrNull) {
        if (projectOrNull == null) {
            return all();
        }
        if (Supervisor.ADHOC.equals(projectOrNull) && !projects.containsKey(projectOrNull)) {
            return List.of(); // `tend run`'s services: made at the first, gone with the last; none is not an error
        }
        return List.of(require(projectOrNull));
    }

    /** @throws SupervisorException NOT_FOUND, naming the registered projects */
    Project require(String name) {
        Project p = projects.get(name);
        if (p == null) {
            throw SupervisorException.notFound("no project named '" + name + "' is registered (known: "
                    + String.join(", ", projects.keySet()) + ")");
        }
        return p;
    }

    /** @throws SupervisorException NOT_FOUND, with the name it may have meant */
    static Service requireService(Project p, String name) {
        Service s = p.services.get(name);
        if (s == null) {
            String suggestion = Names.didYouMean(name, p.services.keySet());
            throw SupervisorException.notFound("project '" + p.name + "' has no service named '" + name + "'"
                    + (suggestion.isEmpty() ? " (it has: " + String.join(", ", p.services.keySet()) + ")" : suggestion));
        }
        return s;
    }

    /** The named services of the project (a replicated service's name: each copy); empty or null: all of them. */
    static List<Service> resolve(Project p, List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.copyOf(p.services.values());
        }
        List<Service> out = new ArrayList<>();
        for (String n : names) {
            List<String> copies = p.services.containsKey(n) ? List.of() : Replicas.copies(n, p.services.keySet());
            if (copies.isEmpty()) {
                out.add(requireService(p, n));
            } else {
                copies.forEach(c -> out.add(p.services.get(c)));
            }
        }
        return out;
    }

    /** The file of each project that has one, to look at outside the lock. */
    Map<Project, Path> files() {
        Map<Project, Path> m = new IdentityHashMap<>();
        projects.values().stream().filter(p -> p.file != null).forEach(p -> m.put(p, p.file));
        return m;
    }

    /** The project is still registered, with that file: a look at the file made meanwhile still applies. */
    boolean stillHas(Project p, Path file) {
        return projects.get(p.name) == p && Objects.equals(p.file, file);
    }

    /**
     * Applies a changed project file to a registered project: its place and base environment, and its services in
     * the file's order, each added, changed or removed one handed to {@code steps} as the diff meets it.
     */
    ServiceChanges applyDiff(Project p, ProjectSpec spec, Map<String, String> baseEnv, Instant now, DiffSteps steps) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        boolean up = p.isUp();
        p.dir = spec.dir();
        p.file = spec.file();
        p.baseEnv = Map.copyOf(baseEnv);
        LinkedHashMap<String, Service> old = new LinkedHashMap<>(p.services);
        p.services.clear();
        List<Service> fresh = new ArrayList<>();
        for (ServiceSpec s : spec.services().values()) {
            Service svc = old.remove(s.name());
            if (svc == null) {
                svc = new Service(p.name, s, now);
                svc.desired = up;
                p.services.put(s.name(), svc);
                added.add(s.name());
                fresh.add(svc);
            } else {
                p.services.put(s.name(), svc);
                if (svc.spec.equals(s)) {
                    unchanged.add(s.name());
                } else if (Replicas.sameButCopies(svc.spec, s)) {
                    svc.spec = s; // a dependency was scaled: nothing of this service's own changed
                    unchanged.add(s.name());
                } else {
                    changed.add(s.name());
                    boolean healthOnly = svc.spec.sameLaunch(s);
                    svc.spec = s;
                    if (healthOnly) {
                        steps.healthChanged(svc);
                    } else {
                        steps.changed(svc);
                    }
                }
            }
        }
        // the highest copy of a group first (`tend scale` down, or a smaller `replicas:`)
        for (Service svc : old.values().stream().sorted(Comparator.comparingInt(
                (Service v) -> Replicas.indexOf(v.name())).reversed()).toList()) {
            removed.add(svc.name());
            steps.removed(svc);
        }
        // Told once every service of the file is in place: one added before its (new) dependency waits for it.
        fresh.forEach(svc -> steps.added(svc, up));
        return new ServiceChanges(p.name, added, removed, changed, unchanged);
    }
}
