package dev.tend.daemon.rpc;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.core.projects.ProjectRegistration;
import dev.tend.daemon.core.projects.ReloadResult;
import dev.tend.daemon.project.ProjectFileException;
import dev.tend.daemon.project.ProjectFiles;
import dev.tend.protocol.ErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** project.up / down / forget / list / reload. */
final class ProjectMethods {
    private final Supervisor supervisor;
    private final Refs refs;
    private final Function<String, StateStore.ProjectRecord> registered;
    /** Held from the look at who has a name to its registration. */
    private final Object claims = new Object();
    private final JobScheduler jobs;

    /**
     * @param registered a project as registered: its environment, for reloads that bring none, and the files
     *                   merged over its file
     */
    ProjectMethods(Supervisor supervisor, Refs refs, Function<String, StateStore.ProjectRecord> registered,
                   JobScheduler jobs) {
        this.supervisor = supervisor;
        this.refs = refs;
        this.registered = registered;
        this.jobs = jobs;
    }

    /** @param env the variables ${VAR} in the file may name (with the project's .env) */
    static ProjectSpec load(String dir, String file, Map<String, String> env) {
        return read(dir, file == null ? null : List.of(file), env).spec();
    }

    /**
     * The project file(s) with the warnings of a foreign format (what of a process-compose.yaml is ignored).
     *
     * @param files null for the project file of dir; else the file, then those merged over it (relative to dir)
     */
    static ProjectFiles.Loaded read(String dir, List<String> files, Map<String, String> env) {
        if (dir == null && (files == null || files.isEmpty())) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "give the project's dir or file");
        }
        Path base = dir == null ? null : Inputs.absolute("dir", dir);
        List<Path> targets = new ArrayList<>();
        for (String file : files == null || files.isEmpty() ? List.<String>of() : files) {
            Path path = Inputs.path("file", file);
            if (base == null && !path.isAbsolute()) {
                // the daemon's working directory means nothing to the caller
                throw new RpcException(ErrorCode.INVALID_PARAMS, "file '" + file + "' must be an absolute path, or give the dir it is relative to");
            }
            targets.add(base == null ? path : base.resolve(path));
        }
        if (targets.isEmpty()) {
            targets.add(base);
        }
        try {
            return ProjectFiles.read(targets, env == null ? Map.of() : env);
        } catch (ProjectFileException e) {
            throw CoreCalls.invalidConfig(e);
        }
    }

    /** project.up's file (old clients) or files: one list. */
    static List<String> files(String file, List<String> files) {
        if (file != null && files != null && !files.isEmpty()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "give file or files, not both");
        }
        return file != null ? List.of(file) : files;
    }

    Map<String, Object> up(String dir, List<String> files, List<String> services, Map<String, String> env, boolean wait,
                           Integer waitSeconds) {
        if (waitSeconds != null && waitSeconds < 1) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "waitSeconds must be at least 1, got " + waitSeconds);
        }
        Inputs.env("env", env);
        ProjectFiles.Loaded loaded = read(dir, files, env);
        ProjectSpec spec = loaded.spec();
        ReloadResult registered;
        synchronized (claims) { // two ups of one name from two directories at once: one registers, one is refused
            claim(spec);
            registered = register(spec, env);
        }
        List<String> requested = services == null ? List.of() : services;
        CompletableFuture<Void> started = supervisor.up(spec.name(), requested);
        if (wait) {
            int seconds = waitSeconds == null ? 120 : waitSeconds;
            try {
                started.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new RpcException(ErrorCode.OPERATION_FAILED, "not all services of " + spec.name()
                        + " were ready within " + seconds + " s (see `tend ps`)");
            } catch (Exception e) {
                throw CoreCalls.translate(e);
            }
        } else {
            started.exceptionally(e -> null); // failures show in the states; nobody waits here
        }
        Map<String, Object> result = new java.util.LinkedHashMap<>(Views.reload(registered));
        result.put("services", Views.services(supervisor.list(spec.name())));
        result.put("warnings", loaded.warnings());
        return result;
    }

    /**
     * Projects are known by name: `up` of another directory's project of a registered name would take the first one
     * over without a word (stop its services, forget those only it has). Refused while that directory exists; one
     * moved or deleted gives its name up (a checkout moved elsewhere is `up` again there).
     */
    private void claim(ProjectSpec spec) {
        for (ProjectInfo registered : supervisor.projects()) {
            Path there = registered.dir();
            if (registered.name().equals(spec.name()) && there != null && Files.isDirectory(there)
                    && !sameDirectory(there, spec.dir())) {
                throw new RpcException(ErrorCode.CONFLICT, "project '" + spec.name() + "' is registered from " + there
                        + ": name this one otherwise (project: in its tend.yaml), or `tend forget -p " + spec.name()
                        + "` to give the name to " + spec.dir());
            }
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    /** Services, then jobs; every job is checked first, so a bad one changes nothing. */
    private ReloadResult register(ProjectSpec spec, Map<String, String> env) {
        Map<String, String> base = env == null ? Map.of() : env;
        try {
            return new ProjectRegistration(supervisor, jobs).register(spec, base);
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_CONFIG, e.getMessage(),
                    Map.of("file", spec.file().toString(), "line", 0, "reason", e.getMessage()));
        }
    }

    Map<String, Object> down(String project, String dir, List<String> services) {
        String name = refs.project(project, dir);
        CoreCalls.await(supervisor.down(name, services == null ? List.of() : services));
        return Map.of("project", name, "services", Views.services(supervisor.list(name)));
    }

    /** Stops and unregisters the project; its history and logs stay unless purge. */
    Map<String, Object> forget(String project, String dir, boolean purge) {
        String name = refs.project(project, dir);
        List<String> services = CoreCalls.await(new ProjectRegistration(supervisor, jobs).forget(name, purge));
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("project", name);
        result.put("services", services);
        result.put("purged", purge);
        return result;
    }

    Map<String, Object> reload(String project, String dir, Map<String, String> env) {
        String name = refs.project(project, dir);
        var info = supervisor.projects().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        if (info.file() == null) {
            throw new RpcException(ErrorCode.CONFLICT, "project " + name + " has no file to reload");
        }
        StateStore.ProjectRecord record = registered.apply(name);
        Map<String, String> base = env != null ? Inputs.env("env", env) : record.baseEnv();
        List<String> files = new ArrayList<>(List.of(info.file().toString()));
        record.overrides().forEach(f -> files.add(f.toString()));
        ProjectSpec spec = read(null, files, base).spec();
        if (!spec.name().equals(name)) {
            throw new RpcException(ErrorCode.CONFLICT, info.file() + " now names project '" + spec.name()
                    + "', not '" + name + "': run `tend up` to register it under its new name");
        }
        try {
            return Views.reload(new ProjectRegistration(supervisor, jobs).reload(spec, base));
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_CONFIG, e.getMessage(),
                    Map.of("file", spec.file().toString(), "line", 0, "reason", e.getMessage()));
        }
    }

    Map<String, Object> list() {
        return Map.of("projects", supervisor.projects().stream().map(Views::project).toList());
    }
}
