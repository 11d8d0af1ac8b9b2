package dev.tend.daemon.rpc;

import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.Supervisor;
import dev.tend.protocol.ErrorCode;

import java.nio.file.Path;
import java.util.List;

/**
 * Finds what a peer means: the project of a working directory, and a service by `name` or `project/name`.
 * A bare name is looked up in the directory's project, then among ad-hoc services, then in every project
 * (if exactly one has it).
 */
final class Refs {
    record ServiceRef(String project, String service) {
        @Override
        public String toString() {
            return project + "/" + service;
        }
    }

    private final Supervisor supervisor;

    Refs(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** The named project, else the registered project whose directory holds dir. */
    String project(String project, String dir) {
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
        Path d = Inputs.path("dir", dir).toAbsolutePath().normalize();
        for (ProjectInfo p : projects) {
            if (p.dir() != null && d.startsWith(p.dir())
                    && (best == null || p.dir().getNameCount() > best.dir().getNameCount())) {
                best = p;
            }
        }
        return best;
    }

    ServiceRef service(String ref, String dir) {
        if (ref == null || ref.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "no service named");
        }
        List<ProjectInfo> projects = supervisor.projects();
        int slash = ref.indexOf('/');
        if (slash >= 0) {
            String project = ref.substring(0, slash);
            String service = ref.substring(slash + 1);
            ProjectInfo p = requireProject(projects, project);
            if (!p.services().contains(service)) {
                throw new RpcException(ErrorCode.NOT_FOUND, "project " + project + " has no service '" + service
                        + "'" + hint(service, p.services(), "it has"));
            }
            return new ServiceRef(project, service);
        }
        ProjectInfo here = dir == null ? null : projectOfDir(projects, dir);
        if (here != null && here.services().contains(ref)) {
            return new ServiceRef(here.name(), ref);
        }
        List<ProjectInfo> having = projects.stream().filter(p -> p.services().contains(ref)).toList();
        ProjectInfo adhoc = having.stream().filter(p -> p.name().equals(Supervisor.ADHOC)).findFirst().orElse(null);
        if (adhoc != null) {
            return new ServiceRef(adhoc.name(), ref);
        }
        if (having.size() == 1) {
            return new ServiceRef(having.get(0).name(), ref);
        }
        if (having.isEmpty()) {
            // a typo is most likely one of the services of the project the user stands in
            List<String> near = here != null ? here.services()
                    : projects.stream().flatMap(p -> p.services().stream()).distinct().toList();
            String suggestion = Names.didYouMean(ref, near);
            throw new RpcException(ErrorCode.NOT_FOUND, "no service named '" + ref + "'"
                    + (dir != null ? " in the project of " + dir : "")
                    + (suggestion.isEmpty() ? " (see `tend ps --all`)" : suggestion));
        }
        throw new RpcException(ErrorCode.NOT_FOUND, "'" + ref + "' is ambiguous: it is a service of "
                + String.join(", ", having.stream().map(ProjectInfo::name).toList()) + "; write project/" + ref);
    }

    /** The registered project of that name, else not found, with a suggestion or the list of projects. */
    static ProjectInfo requireProject(List<ProjectInfo> projects, String name) {
        for (ProjectInfo p : projects) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        List<String> names = projects.stream().map(ProjectInfo::name).toList();
        throw new RpcException(ErrorCode.NOT_FOUND, "no project named '" + name + "' is registered"
                + (names.isEmpty() ? " (none is registered yet: `tend up` registers one)" : hint(name, names, "registered")));
    }

    /** " (did you mean 'x'?)" when a candidate is close to the word, else " (label: a, b, c)". */
    static String hint(String word, List<String> candidates, String label) {
        String suggestion = Names.didYouMean(word, candidates);
        return suggestion.isEmpty() ? " (" + label + ": " + String.join(", ", candidates) + ")" : suggestion;
    }
}
