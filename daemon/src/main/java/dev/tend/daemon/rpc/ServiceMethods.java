package dev.tend.daemon.rpc;

import dev.tend.daemon.core.Replicas;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.process.Signal;
import dev.tend.protocol.ErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** service.list / start / stop / restart / signal / scale / run / remove / history. */
final class ServiceMethods {
    private final Supervisor supervisor;
    private final Refs refs;

    ServiceMethods(Supervisor supervisor, Refs refs) {
        this.supervisor = supervisor;
        this.refs = refs;
    }

    /** @param seq the bus's seq, read before the list: the list reflects at least every event up to it */
    Map<String, Object> list(String project, String dir, long seq) {
        String name = project == null && dir == null ? null : refs.project(project, dir);
        Supervisor.StateView view = supervisor.snapshot(name);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seq", seq);
        if (name != null) {
            r.put("project", name); // what the dir resolved to: a follower of a project with no services yet needs it
        }
        r.put("services", Views.services(supervisor.list(name)));
        // A project that cannot run as registered (its file is gone) has no services to list: say so instead.
        List<Map<String, Object>> problems = view.projects().stream().filter(p -> p.problem() != null)
                .map(Views::project).toList();
        if (!problems.isEmpty()) {
            r.put("problems", problems);
        }
        return r;
    }

    /**
     * service.list with a ref: the services it means (the copies of a replicated service, by number), so a peer
     * that reads each service on its own (logs of several) resolves a ref as every other method does.
     */
    Map<String, Object> listRef(String ref, String dir, long seq) {
        List<Refs.ServiceRef> targets = refs.services(ref, dir);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seq", seq);
        r.put("services", targets.stream().map(this::one).toList());
        return r;
    }

    Map<String, Object> start(String ref, String dir) {
        List<Refs.ServiceRef> targets = refs.services(ref, dir);
        CoreCalls.await(supervisor.up(targets.get(0).project(), names(targets)));
        return answer(ref, targets);
    }

    Map<String, Object> stop(String ref, String dir) {
        List<Refs.ServiceRef> targets = refs.services(ref, dir);
        CoreCalls.await(supervisor.down(targets.get(0).project(), names(targets)));
        return answer(ref, targets);
    }

    /** @param rolling one copy at a time, each ready before the next is restarted; else all at once */
    Map<String, Object> restart(String ref, String dir, boolean rolling) {
        List<Refs.ServiceRef> targets = refs.services(ref, dir);
        if (rolling) {
            targets.forEach(r -> CoreCalls.await(supervisor.restart(r.project(), r.service())));
        } else {
            CoreCalls.await(CompletableFuture.allOf(targets.stream()
                    .map(r -> supervisor.restart(r.project(), r.service())).toArray(CompletableFuture[]::new)));
        }
        return answer(ref, targets);
    }

    /** @param group to the whole process group; else to the main process only */
    Map<String, Object> signal(String ref, String dir, String signal, boolean group) {
        Signal s;
        try {
            s = Signal.parse(signal);
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, e.getMessage() + swappedHint(ref, signal));
        }
        List<Refs.ServiceRef> targets = refs.services(ref, dir);
        targets.forEach(r -> supervisor.signal(r.project(), r.service(), s, group));
        return answer(ref, targets);
    }

    /** `tend signal web HUP`: the service where the signal goes and a signal where the service goes. */
    private static String swappedHint(String ref, String signal) {
        try {
            Signal.parse(ref == null ? "" : ref);
        } catch (IllegalArgumentException e) {
            return "";
        }
        return "; the signal comes first: tend signal " + ref + " " + signal;
    }

    /** service.scale: the copies the service runs now, its group's answer. */
    Map<String, Object> scale(String ref, String dir, int count) {
        if (ref != null && Replicas.groupOf(ref) != null) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "scale a service, not one copy: tend scale "
                    + Replicas.groupOf(ref) + " " + count);
        }
        Refs.ServiceRef first = refs.services(ref, dir).get(0);
        String group = Optional.ofNullable(Replicas.groupOf(first.service())).orElse(first.service());
        supervisor.scale(first.project(), group, count);
        return answer(group, refs.services(first.project() + "/" + group, dir));
    }

    private static List<String> names(List<Refs.ServiceRef> targets) {
        return targets.stream().map(Refs.ServiceRef::service).toList();
    }

    /** One service's view; for a ref that named a replicated service, each copy's, under the name given. */
    private Map<String, Object> answer(String ref, List<Refs.ServiceRef> targets) {
        Refs.ServiceRef first = targets.get(0);
        if (targets.size() == 1 && Replicas.groupOf(first.service()) == null) {
            return one(first);
        }
        String name = ref.substring(ref.indexOf('/') + 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("project", first.project());
        r.put("name", name);
        r.put("copies", targets.stream().map(this::one).toList());
        return r;
    }

    Map<String, Object> run(String name, String command, String cwd, Map<String, String> env, String restart) {
        Inputs.command(command);
        Path dir = cwd == null ? Path.of(System.getProperty("user.home")) : Inputs.absolute("cwd", cwd);
        if (!Files.isDirectory(dir)) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "working directory " + dir + " does not exist");
        }
        RestartMode mode = restartMode(restart);
        CoreCalls.await(supervisor.run(name, command, dir, Inputs.env("env", env), mode));
        return one(new Refs.ServiceRef(Supervisor.ADHOC, name));
    }

    private static RestartMode restartMode(String restart) {
        if (restart == null) {
            return RestartMode.ON_FAILURE;
        }
        return switch (restart.toLowerCase(Locale.ROOT)) {
            case "no" -> RestartMode.NO;
            case "on-failure" -> RestartMode.ON_FAILURE;
            case "always" -> RestartMode.ALWAYS;
            default -> throw new RpcException(ErrorCode.INVALID_PARAMS, "unknown restart policy '" + restart
                    + "': use no, on-failure or always");
        };
    }

    Map<String, Object> remove(String ref) {
        if (ref.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "empty name: give a service's name, or project/name");
        }
        String name = ref.startsWith(Supervisor.ADHOC + "/") ? ref.substring(Supervisor.ADHOC.length() + 1) : ref;
        if (name.contains("/")) {
            throw new RpcException(ErrorCode.CONFLICT, ref + " belongs to a project file: remove it there and run `tend reload`");
        }
        CoreCalls.await(supervisor.remove(name));
        return Map.of("removed", Supervisor.ADHOC + "/" + name);
    }

    Map<String, Object> history(String ref, String dir, Integer limit) {
        Refs.ServiceRef r = refs.service(ref, dir);
        int n = limit == null ? 100 : limit;
        if (n < 1) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "limit must be at least 1");
        }
        return Map.of("project", r.project(), "service", r.service(),
                "entries", supervisor.history(r.project(), r.service(), n).stream().map(Views::history).toList());
    }

    private Map<String, Object> one(Refs.ServiceRef r) {
        return supervisor.list(r.project()).stream().filter(s -> s.name().equals(r.service())).findFirst()
                .map(Views::service).orElse(Map.of("project", r.project(), "name", r.service()));
    }
}
