package dev.tend.daemon.project;

import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.probe.Probes;
import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.process.CommandSize;
import dev.tend.daemon.core.process.Signal;

import dev.tend.protocol.NameRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A process-compose.yaml read as a tend project: processes become services (command, working_dir,
 * environment, env_file, extends (ProcessExtends), depends_on, readiness_probe and liveness_probe exec/http_get, ready_log_line, availability restart and
 * max_restarts, shutdown signal and timeout). What tend cannot honour is not an error here, since the
 * file was written for another tool: every such key is listed in the warnings (IgnoredKeys). A file that is broken
 * (no processes, a process without a command, a bad value of a key that is read) is refused as with
 * tend.yaml, with its line.
 */
final class ProcessComposeReader {

    /** Read without comment: metadata, or settings whose default is what tend does anyway. */
    private static final List<String> SILENT_TOP = List.of("version", "is_strict");

    private final Values values;
    private final ProjectPaths paths;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> replicas = new LinkedHashMap<>();
    private final IgnoredKeys ignored;

    private ProcessComposeReader(ProjectPaths paths, java.util.function.Function<Object, Path> origins) {
        this.paths = paths;
        this.values = new Values(paths.shownFile(), origins);
        this.ignored = new IgnoredKeys(paths.shownFile().getFileName().toString());
    }

    /** @param substituted what the substitution of variables warned of, listed first */
    static ProjectFiles.Loaded read(YamlNode root, ProjectPaths paths, List<String> substituted)
            throws ProjectFileException {
        return read(root, paths, substituted, node -> paths.shownFile());
    }

    /** @param origins the file each node came from (a file-level extends merges several) */
    static ProjectFiles.Loaded read(YamlNode root, ProjectPaths paths, List<String> substituted,
                                    java.util.function.Function<Object, Path> origins) throws ProjectFileException {
        ProcessComposeReader reader = new ProcessComposeReader(paths, origins);
        reader.warnings.addAll(substituted);
        ProjectSpec spec = reader.project(root);
        reader.warnings.addAll(reader.ignored.warnings());
        return new ProjectFiles.Loaded(spec, reader.warnings);
    }

    /** `disable_env_expansion: true`: the file's text is taken as written, every $ kept. */
    static boolean disablesEnvExpansion(YamlNode root) {
        YamlNode.Entry e = root instanceof YamlNode.Mapping top ? Values.find(top, "disable_env_expansion") : null;
        return e != null && e.value() instanceof YamlNode.Scalar s && s.text().equals("true");
    }

    private ProjectSpec project(YamlNode root) throws ProjectFileException {
        if (root == null) {
            throw values.fail(0, "the file is empty; declare processes:");
        }
        YamlNode.Mapping top = values.mapping(root, "the top level", "a map with processes:");
        Map<String, String> globalEnv = Map.of();
        Map<String, String> globalVars = Map.of();
        YamlNode.Entry processesEntry = null;
        for (YamlNode.Entry e : top.entries()) {
            switch (e.key()) {
                case "processes" -> processesEntry = e;
                case "environment" -> globalEnv = environment(e, "the top level");
                case "vars" -> globalVars = ProcessVars.read(values, e, "the top level");
                case "disable_env_expansion" -> values.flag(e, "the top level"); // applied before the tree was read
                case "ordered_shutdown" -> {
                    // tend always stops dependents first: true is what it does anyway
                    if (!"true".equals(values.text(e, "the top level", "true or false"))) {
                        warnings.add(line(e) + "ordered_shutdown false: tend stops dependents before what they "
                                + "depend on all the same");
                    }
                }
                default -> {
                    if (!SILENT_TOP.contains(e.key())) {
                        ignored.add(e, "top-level key", null);
                    }
                }
            }
        }
        if (processesEntry == null || Values.isNull(processesEntry.value())) {
            throw values.fail(processesEntry == null ? 0 : processesEntry.line(), "no processes declared");
        }
        YamlNode.Mapping processes = ProcessExtends.resolve(values,
                values.mapping(processesEntry.value(), "processes", "a map of process names to settings"));
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, List<Dependencies.Edge>> edges = new LinkedHashMap<>();
        for (YamlNode.Entry e : processes.entries()) {
            if (!NameRule.isValid(e.key())) {
                throw values.fail(e, "bad process name '" + e.key() + "': " + NameRule.rule());
            }
            services.put(e.key(), process(e, globalEnv, globalVars, edges));
        }
        if (services.isEmpty()) {
            throw values.fail(processesEntry, "no processes declared");
        }
        // An enabled process does not wait for a disabled one, which would never start (process-compose logs it as
        // an error and goes on); a disabled one started by name brings up what it depends on.
        Path shown = values.origin(processesEntry).getFileName();
        for (Map.Entry<String, List<Dependencies.Edge>> e : edges.entrySet()) {
            e.getValue().removeIf(edge -> {
                ServiceSpec to = services.get(edge.to());
                boolean dropped = to != null && !to.autostart() && services.get(edge.from()).autostart();
                if (dropped) {
                    warnings.add(shown + ":" + edge.line() + ": process '"
                            + edge.from() + "': depends_on '" + edge.to() + "' ignored: that process is disabled");
                }
                return dropped;
            });
        }
        new Dependencies(values, edges).check();
        Map<String, ServiceSpec> resolved = new LinkedHashMap<>();
        for (ServiceSpec s : services.values()) {
            List<Dependency> deps = Dependencies.of(edges.get(s.name()));
            resolved.put(s.name(), s.withDependsOn(deps));
        }
        String name = NameRule.sanitize(paths.dir().getFileName() == null ? null : paths.dir().getFileName().toString());
        return new ProjectSpec(name, paths.dir(), paths.file(), resolved, Map.of()).withReplicas(replicas);
    }

    /**
     * `replicas: N`: N copies, as tend.yaml's replicas (docs/ecosystem.md). Each copy's PC_REPLICA_NUM variable is
     * its number from 0, as process-compose gives it; a `{{.PC_REPLICA_NUM}}` in the file is rendered once, as 0.
     */
    private void replicas(YamlNode.Entry e, String name, String where) throws ProjectFileException {
        replicas.put(name, values.replicas(e, where));
    }

    /** The service; a disabled process is one that `up` does not start (autostart false). */
    private ServiceSpec process(YamlNode.Entry entry, Map<String, String> globalEnv, Map<String, String> globalVars,
                                Map<String, List<Dependencies.Edge>> edges) throws ProjectFileException {
        String name = entry.key();
        String where = "process '" + name + "'";
        YamlNode.Mapping written = values.mapping(entry.value(), where, "a map of settings (command:, ...)");
        Map<String, String> vars = new LinkedHashMap<>(globalVars);
        YamlNode.Entry ownVars = Values.find(written, "vars");
        if (ownVars != null) {
            vars.putAll(ProcessVars.read(values, ownVars, where));
        }
        vars.put("PC_REPLICA_NUM", "0");
        YamlNode.Mapping map = ProcessVars.render(values, written, vars, where);
        String command = null;
        boolean disabled = false;
        java.util.Set<Integer> successCodes = ServiceSpec.DEFAULT_SUCCESS_EXIT_CODES;
        Duration restartDelay = null;
        String stopCommand = null;
        Path cwd = paths.dir();
        Map<String, String> ownEnv = new LinkedHashMap<>();
        YamlNode.Entry envFile = null;
        List<Dependencies.Edge> deps = new ArrayList<>();
        ProbeSpec probe = null;
        Health.Alive alive = null;
        RestartMode restart = RestartMode.NO; // process-compose's default
        int maxRestarts = ServiceSpec.DEFAULT_MAX_RESTARTS;
        Signal stopSignal = Signal.TERM;
        Duration stopTimeout = ServiceSpec.DEFAULT_STOP_TIMEOUT;
        for (YamlNode.Entry e : map.entries()) {
            switch (e.key()) {
                case "command" -> command = values.command(e, where, "a shell command");
                case "working_dir" -> cwd = workingDir(e, where);
                case "environment" -> ownEnv.putAll(environment(e, where));
                case "env_file" -> envFile = e;
                case "vars", "is_template_disabled" -> { } // read above, by ProcessVars
                case "depends_on" -> deps.addAll(dependsOn(e, name, where));
                case "readiness_probe" -> probe = probe(e, where + ": readiness_probe").readiness();
                case "liveness_probe" -> alive = probe(e, where + ": liveness_probe").liveness();
                case "ready_log_line" -> probe = new ProbeSpec(ProbeSpec.Kind.LOG,
                        Pattern.quote(values.text(e, where, "a line of text")), ProbeSpec.DEFAULT_INTERVAL,
                        ProbeSpec.DEFAULT_TIMEOUT);
                case "availability" -> {
                    YamlNode.Mapping a = values.mapping(e.value(), where + ": availability", "a map");
                    for (YamlNode.Entry ae : a.entries()) {
                        switch (ae.key()) {
                            case "restart" -> restart = restart(ae, where);
                            case "max_restarts" -> {
                                int n = values.count(ae, where);
                                if (n == 0) {
                                    warnings.add(line(ae) + where + ": max_restarts 0 (no limit) becomes "
                                            + ServiceSpec.DEFAULT_MAX_RESTARTS + " quick restarts");
                                } else {
                                    maxRestarts = n;
                                }
                            }
                            case "backoff_seconds" -> restartDelay = Duration.ofSeconds(values.count(ae, where));
                            default -> ignored.add(ae, "availability key", where);
                        }
                    }
                }
                case "shutdown" -> {
                    YamlNode.Mapping s = values.mapping(e.value(), where + ": shutdown", "a map");
                    for (YamlNode.Entry se : s.entries()) {
                        switch (se.key()) {
                            case "signal" -> stopSignal = signal(se, where);
                            case "timeout_seconds" -> stopTimeout = Duration.ofSeconds(values.count(se, where));
                            case "command" -> stopCommand = values.command(se, where, "a shell command");
                            default -> ignored.add(se, "shutdown key", where);
                        }
                    }
                }
                case "replicas" -> replicas(e, name, where);
                case "success_exit_codes" -> successCodes = values.exitCodes(e, where);
                case "description", "namespace" -> { } // read below, together
                case "disabled" -> disabled = values.flag(e, where);
                default -> ignored.add(e, "key", where);
            }
        }
        if (command == null || command.isBlank()) {
            throw values.fail(entry, where + " has no command");
        }
        edges.put(name, deps);
        // process-compose's order, later wins: its own variables, the top-level environment, env_file, environment
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PC_PROC_NAME", name);
        env.put("PC_REPLICA_NUM", "0");
        env.putAll(globalEnv);
        if (envFile != null) {
            env.putAll(envFile(envFile, cwd, where));
        }
        env.putAll(ownEnv);
        return new ServiceSpec(name, command, cwd, env, List.of(), probe, restart, maxRestarts, stopSignal, stopTimeout,
                false, 0).withHealth(alive == null ? Health.NONE : new Health(alive, 0)).withAutostart(!disabled)
                .withSuccessExitCodes(successCodes).withRestartDelay(restartDelay).withLabels(values.labels(map, where))
                .withStopCommand(stopCommand == null || stopCommand.isBlank() ? null : stopCommand);
    }

    private Path workingDir(YamlNode.Entry e, String where) throws ProjectFileException {
        String text = values.text(e, where, "a directory path");
        Path dir = paths.resolve(text, e.value(), values);
        // process-compose checks working_dir when the process starts, not when it reads the file: so does tend here
        if (!Files.isDirectory(dir)) {
            warnings.add(line(e) + where + ": working_dir '" + text + "' "
                    + (Files.exists(dir) ? "is not a directory" : "does not exist") + " (" + dir
                    + "): the process will fail to start until it does");
        }
        return dir;
    }

    /**
     * The process's env_file, relative to its working_dir. process-compose reads it when the process starts and, when
     * it cannot, logs that and starts the process without it: a file missing now is therefore a warning here.
     */
    private Map<String, String> envFile(YamlNode.Entry e, Path cwd, String where) throws ProjectFileException {
        String text = values.text(e, where, "a file path");
        Path file = cwd.resolve(text).normalize();
        if (!Files.isRegularFile(file)) {
            warnings.add(line(e) + where + ": env_file '" + text + "' " + (Files.exists(file) ? "is not a regular file"
                    : "does not exist") + " (" + file + "): its variables are not set");
            return Map.of();
        }
        return EnvFile.read(file, paths.shown(text));
    }

    /** A list of "KEY=VALUE" (process-compose's form), or a map. */
    private Map<String, String> environment(YamlNode.Entry e, String where) throws ProjectFileException {
        Map<String, String> env = new LinkedHashMap<>();
        if (Values.isNull(e.value())) {
            return env;
        }
        if (e.value() instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry v : m.entries()) {
                if (!(v.value() instanceof YamlNode.Scalar s) || s.text() == null) {
                    throw values.fail(v.value(), where + ": environment " + v.key() + " must be a string");
                }
                env.put(key(v.key(), v.value(), where), value(v.key(), s.text(), v.value(), where));
            }
            return env;
        }
        if (!(e.value() instanceof YamlNode.Sequence list)) {
            throw values.fail(e.value(), where + ": environment must be a list of \"KEY=VALUE\", not "
                    + e.value().description());
        }
        for (YamlNode item : list.items()) {
            String text = item instanceof YamlNode.Scalar s ? s.text() : null;
            int eq = text == null ? -1 : text.indexOf('=');
            if (eq <= 0) {
                throw values.fail(item, where + ": environment entries are \"KEY=VALUE\", not "
                        + (text == null ? item.description() : "'" + text + "'"));
            }
            String key = key(text.substring(0, eq), item, where);
            env.put(key, value(key, text.substring(eq + 1), item, where));
        }
        return env;
    }

    /** The value, unless no program could be given it (a NUL, or too long): refused here, not at every start. */
    private String value(String key, String value, YamlNode at, String where) throws ProjectFileException {
        String problem = CommandSize.variableProblem(key, value);
        if (problem != null) {
            throw values.fail(at, where + ": environment: " + problem);
        }
        return value;
    }

    private String key(String key, YamlNode at, String where) throws ProjectFileException {
        if (!EnvFile.KEY.matcher(key).matches()) {
            throw values.fail(at, where + ": bad variable name '" + key + "' in environment");
        }
        return key;
    }

    private List<Dependencies.Edge> dependsOn(YamlNode.Entry e, String name, String where) throws ProjectFileException {
        List<Dependencies.Edge> edges = new ArrayList<>();
        if (Values.isNull(e.value())) {
            return edges;
        }
        YamlNode.Mapping m = values.mapping(e.value(), where + ": depends_on", "a map of process names to {condition: ...}");
        for (YamlNode.Entry dep : m.entries()) {
            String condition = "process_started";
            if (dep.value() instanceof YamlNode.Mapping c) {
                for (YamlNode.Entry ce : c.entries()) {
                    if (ce.key().equals("condition")) {
                        condition = values.text(ce, where, "a condition like process_healthy");
                    } else {
                        ignored.add(ce, "depends_on key", where + " (on " + dep.key() + ")");
                    }
                }
            }
            // process_log_ready: the dependency's ready_log_line is its readiness probe here (a log probe)
            Dependency.Condition meant = switch (condition) {
                case "process_healthy", "process_log_ready" -> Dependency.Condition.READY;
                case "process_started" -> Dependency.Condition.STARTED;
                case "process_completed" -> Dependency.Condition.COMPLETED;
                case "process_completed_successfully" -> Dependency.Condition.COMPLETED_SUCCESSFULLY;
                default -> throw values.fail(dep.value(), where + ": unknown depends_on condition '" + condition
                        + "' (expected process_started, process_healthy, process_log_ready, process_completed or "
                        + "process_completed_successfully)");
            };
            edges.add(new Dependencies.Edge(name, dep.key(), dep.line(), meant));
        }
        return edges;
    }

    /** A readiness_probe or liveness_probe as written: what to check, and process-compose's numbers (in seconds). */
    private record ComposeProbe(ProbeSpec.Kind kind, String target, long initialDelay, long period, long failures,
                                long attempt) {

        ProbeSpec readiness() {
            // process-compose gives up after failure_threshold failed checks; tend after one timeout for all of them
            Duration timeout = Duration.ofSeconds(initialDelay + failures * (period + attempt));
            return new ProbeSpec(kind, target, Duration.ofSeconds(period), timeout, Duration.ofSeconds(attempt));
        }

        /** Checks begin once the process is ready, so initial_delay_seconds has nothing left to delay. */
        Health.Alive liveness() {
            return new Health.Alive(new ProbeSpec(kind, target, Duration.ofSeconds(period), null,
                    Duration.ofSeconds(attempt)), (int) Math.min(Integer.MAX_VALUE, failures));
        }
    }

    /** @param w where it is, for messages ("process 'api': readiness_probe") */
    private ComposeProbe probe(YamlNode.Entry e, String w) throws ProjectFileException {
        YamlNode.Mapping m = values.mapping(e.value(), w, "a map with exec: or http_get:");
        ProbeSpec.Kind kind = null;
        String target = null;
        long initialDelay = 0;
        long period = 10;   // process-compose's defaults
        long failures = 3;
        long attempt = 1;
        for (YamlNode.Entry pe : m.entries()) {
            switch (pe.key()) {
                case "exec" -> {
                    YamlNode.Mapping x = values.mapping(pe.value(), w + ".exec", "a map with command:");
                    for (YamlNode.Entry xe : x.entries()) {
                        if (xe.key().equals("command")) {
                            kind = ProbeSpec.Kind.EXEC;
                            target = values.command(xe, w, "a shell command");
                        } else {
                            ignored.add(xe, "probe exec key", w);
                        }
                    }
                }
                case "http_get" -> {
                    kind = ProbeSpec.Kind.HTTP;
                    target = url(values.mapping(pe.value(), w + ".http_get", "a map (host, port, path, scheme)"), w);
                }
                case "initial_delay_seconds" -> initialDelay = values.count(pe, w);
                case "period_seconds" -> period = Math.max(1, values.count(pe, w));
                case "failure_threshold" -> failures = Math.max(1, values.count(pe, w));
                case "timeout_seconds" -> attempt = Math.max(1, values.count(pe, w));
                default -> ignored.add(pe, "probe key", w);
            }
        }
        if (kind == null) {
            throw values.fail(e.value(), w + " has neither exec: {command: ...} nor http_get:");
        }
        return new ComposeProbe(kind, target, initialDelay, period, failures, attempt);
    }

    private String url(YamlNode.Mapping m, String where) throws ProjectFileException {
        String scheme = "http";
        String host = "127.0.0.1";
        String port = null;
        String path = "/";
        for (YamlNode.Entry e : m.entries()) {
            switch (e.key()) {
                case "scheme" -> scheme = values.text(e, where, "http or https");
                case "host" -> host = values.text(e, where, "a host name");
                case "port" -> port = values.text(e, where, "a port number");
                case "path" -> path = values.text(e, where, "a URL path");
                default -> ignored.add(e, "probe http_get key", where);
            }
        }
        if (port == null) {
            throw values.fail(m, where + ".http_get has no port");
        }
        String url = scheme + "://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path);
        String problem = ProbeReader.httpProblem(Probes.substitutePort(url, ProbeReader.SAMPLE_PORT), url);
        if (problem != null) { // refused now, with its line, not at each start
            throw values.fail(Values.find(m, "port"), where + ": " + problem);
        }
        return url;
    }

    private RestartMode restart(YamlNode.Entry e, String where) throws ProjectFileException {
        String word = values.text(e, where, "always, on_failure, exit_on_failure or no");
        return switch (word) {
            case "always" -> RestartMode.ALWAYS;
            case "on_failure" -> RestartMode.ON_FAILURE;
            case "no" -> RestartMode.NO;
            case "exit_on_failure" -> {
                warnings.add(line(e) + where + ": restart exit_on_failure becomes no: tend does not stop the "
                        + "other services when one fails");
                yield RestartMode.NO;
            }
            default -> throw values.fail(e.value(), where + ": unknown restart '" + word
                    + "' (expected always, on_failure, exit_on_failure or no)");
        };
    }

    private Signal signal(YamlNode.Entry e, String where) throws ProjectFileException {
        String text = values.text(e, where, "a signal number");
        Signal s = null;
        try {
            s = Signal.ofNumber(Integer.parseInt(text));
        } catch (NumberFormatException notNumber) {
            try {
                s = Signal.parse(text);
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
        }
        if (s == null) {
            throw values.fail(e.value(), where + ": unknown shutdown signal '" + text + "'");
        }
        return s;
    }


    /** "file:line: " of the file that wrote the entry (a base file's own, after a file-level extends). */
    private String line(YamlNode.Entry e) {
        return values.origin(e).getFileName() + ":" + e.line() + ": ";
    }
}
