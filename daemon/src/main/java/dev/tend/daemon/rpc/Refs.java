package dev.tend.daemon.rpc;

import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.Replicas;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.protocol.ErrorCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds what a peer means: the project of a working directory, and a service or a job by `name` or
 * `project/name`, both by one rule ({@link #resolve}).
 */
final class Refs {
    record ServiceRef(String project, String service) {
        @Override
        public String toString() {
            return project + "/" + service;
        }
    }

    record JobRef(String project, String job) {
    }

    private final Supervisor supervisor;

    Refs(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** The named project, else the registered project whose directory holds dir. */
    String project(String project, String dir) {
        if (Supervisor.ADHOC.equals(project)) {
            return project; // the services of `tend run`: always there, empty or not
        }
        List<ProjectInfo> projects = supervisor.projects();
        if (project != null) {
            return requireProject(projects, project).name();
        }
        if (dir == null) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "give a project or a dir");
        }
        ProjectInfo found = projectOfDir(projects, dir);
        if (found == null) {
            throw new RpcException(ErrorCode.NOT_FOUND, "no tend project is registered for " + dir
                    + ": run `tend up` there first, or name the service as project/service");
        }
        return found.name();
    }

    private static ProjectInfo projectOfDir(List<ProjectInfo> projects, String dir) {
        ProjectInfo best = null;
        Path d = Inputs.absolute("dir", dir).normalize();
        for (ProjectInfo p : projects) {
            if (p.dir() != null && d.startsWith(p.dir())
                    && (best == null || p.dir().getNameCount() > best.dir().getNameCount())) {
                best = p;
            }
        }
        return best;
    }

    /**
     * One service by `name` or `project/name` (see {@link #resolve}); a replicated service's name only when it runs
     * one copy (see {@link #services}).
     */
    ServiceRef service(String ref, String dir) {
        List<ServiceRef> found = services(ref, dir);
        if (found.size() > 1) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "'" + ref + "' runs " + found.size() + " copies: name one ("
                    + String.join(", ", found.stream().map(ServiceRef::service).toList()) + ")");
        }
        return found.get(0);
    }

    /**
     * What a service ref means, by one rule: `api` (or `project/api`) is the service, or, for a replicated one,
     * each of its copies by number; `api#2` is one copy (docs/project-file.md, "Replicas").
     */
    List<ServiceRef> services(String ref, String dir) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        Map<String, List<String>> withGroups = new LinkedHashMap<>();
        for (ProjectInfo p : supervisor.projects()) {
            services.put(p.name(), p.services());
            List<String> names = new ArrayList<>(p.services());
            p.services().stream().map(Replicas::groupOf).filter(Objects::nonNull).distinct().forEach(names::add);
            withGroups.put(p.name(), names);
        }
        String group = ref == null ? null : Replicas.groupOf(ref);
        Found f;
        try {
            f = resolve("service", ref, dir, withGroups, "tend ps --all");
        } catch (RpcException notFound) {
            if (group == null) {
                throw notFound;
            }
            List<ServiceRef> copies = services(group, dir); // the group is unknown too: that is the message
            throw new RpcException(ErrorCode.NOT_FOUND, "no copy '" + ref + "': " + group + " runs " + copies.size()
                    + (copies.size() == 1 ? " copy (" : " copies (") + String.join(", ",
                    copies.stream().map(ServiceRef::service).toList()) + ")");
        }
        List<String> copies = Replicas.copies(f.name(), services.get(f.project()));
        if (copies.isEmpty()) {
            return List.of(new ServiceRef(f.project(), f.name()));
        }
        return copies.stream().map(c -> new ServiceRef(f.project(), c)).toList();
    }

    /** A job by `name` or `project/name` among the scheduler's jobs: see {@link #resolve}. */
    JobRef job(String ref, String dir, List<JobSnapshot> jobs) {
        Map<String, List<String>> byProject = new LinkedHashMap<>();
        for (ProjectInfo p : supervisor.projects()) {
            byProject.put(p.name(), new ArrayList<>());
        }
        for (JobSnapshot j : jobs) {
            byProject.computeIfAbsent(j.project(), k -> new ArrayList<>()).add(j.name());
        }
        Found f = resolve("job", ref, dir, byProject, "tend jobs --all");
        return new JobRef(f.project(), f.name());
    }

    private record Found(String project, String name) {
    }

    /**
     * The one way a peer's reference to a member of a project (a service, a job) is resolved. `project/name` must
     * name a known project and one of its members. A bare name is looked up in the project of the caller's
     * directory, then among the ad-hoc ones, then in every project (if exactly one has it).
     *
     * @param members the names of each known project's members of this kind, by project
     * @param listCommand the command that lists them all, for a not-found message
     */
    private Found resolve(String kind, String ref, String dir, Map<String, List<String>> members, String listCommand) {
        if (ref == null || ref.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "empty name: give a " + kind + "'s name, or project/name");
        }
        if (dir != null) {
            Inputs.absolute("dir", dir); // whatever the ref: a request is refused or taken by one rule
        }
        int slash = ref.indexOf('/');
        if (slash >= 0) {
            String project = ref.substring(0, slash);
            String name = ref.substring(slash + 1);
            List<String> theirs = members.get(project);
            if (theirs == null) {
                throw notRegistered(project, List.copyOf(members.keySet()));
            }
            if (!theirs.contains(name)) {
                throw new RpcException(ErrorCode.NOT_FOUND, "project " + project + " has no " + kind + " '" + name
                        + "'" + (theirs.isEmpty() ? " (it has none)" : hint(name, theirs, "it has")));
            }
            return new Found(project, name);
        }
        ProjectInfo hereInfo = dir == null ? null : projectOfDir(supervisor.projects(), dir);
        String here = hereInfo == null ? null : hereInfo.name();
        if (here != null && members.getOrDefault(here, List.of()).contains(ref)) {
            return new Found(here, ref);
        }
        List<String> having = members.entrySet().stream().filter(e -> e.getValue().contains(ref)).map(Map.Entry::getKey)
                .toList();
        if (having.contains(Supervisor.ADHOC)) {
            return new Found(Supervisor.ADHOC, ref);
        }
        if (having.size() == 1) {
            return new Found(having.get(0), ref);
        }
        if (having.isEmpty()) {
            // a typo is most likely one of the members of the project the user stands in
            List<String> near = here != null ? members.getOrDefault(here, List.of())
                    : members.values().stream().flatMap(List::stream).distinct().toList();
            String suggestion = Names.didYouMean(ref, near);
            throw new RpcException(ErrorCode.NOT_FOUND, "no " + kind + " named '" + ref + "'"
                    + (dir != null ? " in the project of " + dir : "")
                    + (suggestion.isEmpty() ? " (see `" + listCommand + "`)" : suggestion));
        }
        throw new RpcException(ErrorCode.NOT_FOUND, "'" + ref + "' is ambiguous: it is a " + kind + " of "
                + String.join(", ", having) + "; write project/" + ref);
    }

    /** The registered project of that name, else not found, with a suggestion or the list of projects. */
    static ProjectInfo requireProject(List<ProjectInfo> projects, String name) {
        for (ProjectInfo p : projects) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw notRegistered(name, projects.stream().map(ProjectInfo::name).toList());
    }

    private static RpcException notRegistered(String name, List<String> names) {
        return new RpcException(ErrorCode.NOT_FOUND, "no project named '" + name + "' is registered"
                + (names.isEmpty() ? " (none is registered yet: `tend up` registers one)" : hint(name, names, "registered")));
    }

    /** " (did you mean 'x'?)" when a candidate is close to the word, else " (label: a, b, c)". */
    static String hint(String word, List<String> candidates, String label) {
        String suggestion = Names.didYouMean(word, candidates);
        return suggestion.isEmpty() ? " (" + label + ": " + String.join(", ", candidates) + ")" : suggestion;
    }
}
