package dev.tend.daemon.project;

import dev.tend.daemon.core.process.CommandSize;
import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.EnvSources;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.health.MemorySize;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.Replicas;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.watch.WatchSpec;

import dev.tend.protocol.NameRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Turns the YAML tree of a tend.yaml into a {@link ProjectSpec}, refusing anything it does not understand. */
final class TendYamlReader {

    private static final List<String> TOP_KEYS = List.of("project", "env_file", "services", "jobs");
    /** compose's words for the conditions, accepted as they mean the same. */
    private static final Map<String, String> COMPOSE_CONDITIONS = Map.of("service_started", "started",
            "service_healthy", "ready", "service_completed_successfully", "completed_successfully");
    private static final List<String> CONDITION_WORDS = java.util.stream.Stream.concat(
            Dependency.Condition.words().stream(), COMPOSE_CONDITIONS.keySet().stream().sorted()).toList();
    private static final List<String> SERVICE_KEYS = List.of("command", "cwd", "env", "env_file", "depends_on",
            "ready", "restart", "max_restarts", "stop_signal", "stop_timeout", "port", "min_uptime", "autostart",
            "success_exit_codes", "restart_delay", "description", "namespace", "stop_command", "on_failure", "on_ready",
            "alive", "max_memory", "watch", "replicas");
    private static final List<String> JOB_KEYS = List.of("schedule", "command", "cwd", "env", "env_file",
            "timezone", "overlap", "timeout", "catch_up");
    private static final List<String> RESTART_WORDS = List.of("no", "on-failure", "always");
    private static final List<String> OVERLAP_WORDS = List.of("skip", "queue", "allow");

    private final Values values;
    private final ProjectPaths paths;
    private final ProbeReader probes;
    private final Map<String, EnvSources> envSources = new LinkedHashMap<>();
    private final Map<String, Integer> replicas = new LinkedHashMap<>();
    private Path projectEnvFile;

    private TendYamlReader(ProjectPaths paths, Function<Object, Path> origins) {
        this.paths = paths;
        this.values = new Values(paths.shownFile(), origins);
        this.probes = new ProbeReader(values);
    }

    /** @param origins the file each node came from (a tree merged from override files) */
    static ProjectSpec read(YamlNode root, ProjectPaths paths, Function<Object, Path> origins)
            throws ProjectFileException {
        return new TendYamlReader(paths, origins).project(root);
    }

    private ProjectSpec project(YamlNode root) throws ProjectFileException {
        if (root == null) {
            throw values.fail(0, "the file is empty; declare services: and/or jobs:");
        }
        YamlNode.Mapping top = values.mapping(root, "the top level", "a map with services: and/or jobs:");
        values.checkKeys(top, TOP_KEYS, "at the top level");

        String name = NameRule.sanitize(paths.dir().getFileName() == null ? null : paths.dir().getFileName().toString());
        YamlNode.Entry projectEntry = Values.find(top, "project");
        if (projectEntry != null) {
            name = values.name(projectEntry.value(), "project");
        }
        Map<String, String> projectEnv = new LinkedHashMap<>();
        YamlNode.Entry envFileEntry = Values.find(top, "env_file");
        if (envFileEntry != null) {
            projectEnvFile = envFilePath(envFileEntry, "the top level");
            projectEnv.putAll(EnvFile.read(projectEnvFile, paths.shown(values.text(envFileEntry, "the top level",
                    "a file path"))));
        }

        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, List<Dependencies.Edge>> edges = new LinkedHashMap<>();
        YamlNode.Entry servicesEntry = Values.find(top, "services");
        for (YamlNode.Entry entry : section(servicesEntry, "service")) {
            services.put(entry.key(), service(entry, projectEnv, edges));
        }
        Map<String, JobSpec> jobs = new LinkedHashMap<>();
        YamlNode.Entry jobsEntry = Values.find(top, "jobs");
        for (YamlNode.Entry entry : section(jobsEntry, "job")) {
            if (services.containsKey(entry.key())) {
                throw values.fail(entry, "job '" + entry.key() + "' has the same name as a service; "
                        + "give it another name");
            }
            jobs.put(entry.key(), job(entry, projectEnv));
        }
        if (services.isEmpty() && jobs.isEmpty()) {
            int line = servicesEntry != null ? servicesEntry.line() : jobsEntry != null ? jobsEntry.line() : 0;
            throw values.fail(line, "no services or jobs declared; a project needs at least one");
        }
        Dependencies dependencies = new Dependencies(values, edges);
        dependencies.check();
        dependencies.checkEndsCanHappen(services);
        return new ProjectSpec(name, paths.dir(), paths.file(), services, jobs, envSources).withReplicas(replicas);
    }

    /** The entries of `services:` or `jobs:` (none if absent or empty), each with a valid name. */
    private List<YamlNode.Entry> section(YamlNode.Entry entry, String kind) throws ProjectFileException {
        if (entry == null || Values.isNull(entry.value())) {
            return List.of();
        }
        YamlNode.Mapping map = values.mapping(entry.value(), entry.key(), "a map of " + kind + " names to settings");
        for (YamlNode.Entry e : map.entries()) {
            if (!NameRule.isValid(e.key())) {
                throw values.fail(e, "bad " + kind + " name '" + e.key() + "': " + NameRule.rule());
            }
        }
        return map.entries();
    }

    private ServiceSpec service(YamlNode.Entry entry, Map<String, String> projectEnv,
                                Map<String, List<Dependencies.Edge>> edges) throws ProjectFileException {
        String name = entry.key();
        String where = "service '" + name + "'";
        YamlNode.Mapping map = settings(entry, where);
        values.checkKeys(map, SERVICE_KEYS, "in " + where);

        String command = command(map, entry, where);
        Path cwd = cwd(map, where);
        Map<String, String> env = env(map, projectEnv, name, where);
        List<Dependencies.Edge> dependsOn = dependsOn(map, name, where);
        edges.put(name, dependsOn);
        boolean autoPort = false;
        int port = 0;
        YamlNode.Entry portEntry = Values.find(map, "port");
        if (portEntry != null) {
            String text = values.text(portEntry, where, "a port number or auto");
            if (text.equals("auto")) {
                autoPort = true;
            } else {
                port = Values.port(text);
                if (port < 0) {
                    throw values.fail(portEntry.value(), where + ": bad port '" + text
                            + "' (expected a number from 1 to 65535, or auto)");
                }
            }
        }
        replicas(map, name, where, port);
        YamlNode.Entry ready = Values.find(map, "ready");
        ProbeSpec probe = ready == null ? null : probes.read(ready, where, autoPort || port > 0);
        RestartMode restart = RestartMode.ON_FAILURE;
        YamlNode.Entry restartEntry = Values.find(map, "restart");
        if (restartEntry != null) {
            String word = values.word(restartEntry, where, RESTART_WORDS, "restart policy");
            restart = RestartMode.valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        int maxRestarts = ServiceSpec.DEFAULT_MAX_RESTARTS;
        YamlNode.Entry maxEntry = Values.find(map, "max_restarts");
        if (maxEntry != null) {
            maxRestarts = values.count(maxEntry, where);
        }
        Signal stopSignal = Signal.TERM;
        YamlNode.Entry signalEntry = Values.find(map, "stop_signal");
        if (signalEntry != null) {
            String text = values.text(signalEntry, where, "a signal name like SIGINT");
            try {
                stopSignal = Signal.parse(text);
            } catch (IllegalArgumentException e) {
                throw values.fail(signalEntry.value(), where + ": " + e.getMessage());
            }
        }
        Duration stopTimeout = ServiceSpec.DEFAULT_STOP_TIMEOUT;
        YamlNode.Entry timeoutEntry = Values.find(map, "stop_timeout");
        if (timeoutEntry != null) {
            stopTimeout = values.duration(timeoutEntry, where, false);
        }
        Duration minUptime = ServiceSpec.DEFAULT_MIN_UPTIME;
        YamlNode.Entry uptimeEntry = Values.find(map, "min_uptime");
        if (uptimeEntry != null) {
            minUptime = values.duration(uptimeEntry, where, false);
        }
        String onFailure = hook(map, "on_failure", where);
        String onReady = hook(map, "on_ready", where);
        Health health = health(map, where, autoPort || port > 0);
        YamlNode.Entry watchEntry = Values.find(map, "watch");
        WatchSpec watch = watchEntry == null ? null : new WatchReader(values).read(watchEntry, cwd, where);
        YamlNode.Entry autostartEntry = Values.find(map, "autostart");
        boolean autostart = autostartEntry == null
                || values.flag(autostartEntry, where);
        YamlNode.Entry codesEntry = Values.find(map, "success_exit_codes");
        Set<Integer> successCodes = codesEntry == null ? ServiceSpec.DEFAULT_SUCCESS_EXIT_CODES
                : values.exitCodes(codesEntry, where);
        YamlNode.Entry delayEntry = Values.find(map, "restart_delay");
        Duration restartDelay = delayEntry == null ? null : values.duration(delayEntry, where, false);
        return new ServiceSpec(name, command, cwd, env, Dependencies.of(dependsOn), probe, restart, maxRestarts,
                stopSignal, stopTimeout, autoPort, port, minUptime, onFailure, onReady, health, watch, autostart,
                successCodes, restartDelay, values.labels(map, where), stopCommand(map, where));
    }

    /** `replicas: N` (docs/project-file.md, "Replicas"): 1 to {@link Replicas#MAX}; copies cannot share a fixed port. */
    private void replicas(YamlNode.Mapping map, String name, String where, int port) throws ProjectFileException {
        YamlNode.Entry entry = Values.find(map, "replicas");
        if (entry == null) {
            return;
        }
        int count = values.replicas(entry, where);
        if (count > 1 && port > 0) {
            throw values.fail(entry.value(), where + ": " + count + " copies cannot share the fixed port " + port
                    + ": use port: auto, or a port made from " + Replicas.ENV + " in the command");
        }
        replicas.put(name, count);
    }

    /** `alive:` and `max_memory:` (docs/project-file.md, "Health"). */
    private Health health(YamlNode.Mapping map, String where, boolean hasPort) throws ProjectFileException {
        YamlNode.Entry aliveEntry = Values.find(map, "alive");
        Health.Alive alive = aliveEntry == null ? null : probes.readAlive(aliveEntry, where, hasPort);
        long maxMemory = 0;
        YamlNode.Entry memoryEntry = Values.find(map, "max_memory");
        if (memoryEntry != null) {
            try {
                maxMemory = MemorySize.parse(values.text(memoryEntry, where, "a size like 512MiB"));
            } catch (IllegalArgumentException e) {
                throw values.fail(memoryEntry.value(), where + ": bad max_memory " + e.getMessage());
            }
        }
        return alive == null && maxMemory == 0 ? Health.NONE : new Health(alive, maxMemory);
    }

    /** stop_command: a shell command, not blank (an empty one would ask nothing and wait out stop_timeout). */
    private String stopCommand(YamlNode.Mapping map, String where) throws ProjectFileException {
        String command = hook(map, "stop_command", where);
        if (command != null && command.isBlank()) {
            throw values.fail(Values.find(map, "stop_command"), where + ": stop_command is empty; leave it out to stop "
                    + "with stop_signal");
        }
        return command;
    }

    /** A hook's shell command (docs/hooks.md), or null when the key is absent. */
    private String hook(YamlNode.Mapping map, String key, String where) throws ProjectFileException {
        YamlNode.Entry e = Values.find(map, key);
        return e == null ? null : values.command(e, where, "a shell command");
    }

    private JobSpec job(YamlNode.Entry entry, Map<String, String> projectEnv) throws ProjectFileException {
        String name = entry.key();
        String where = "job '" + name + "'";
        YamlNode.Mapping map = settings(entry, where);
        values.checkKeys(map, JOB_KEYS, "in " + where);

        YamlNode.Entry scheduleEntry = Values.find(map, "schedule");
        if (scheduleEntry == null) {
            throw values.fail(entry, where + " has no schedule (e.g. schedule: \"0 3 * * *\")");
        }
        String schedule;
        try {
            schedule = Schedules.validate(values.text(scheduleEntry, where, "a cron expression or @every DURATION"));
        } catch (IllegalArgumentException e) {
            throw values.fail(scheduleEntry.value(), where + ": " + e.getMessage());
        }
        String command = command(map, entry, where);
        Path cwd = cwd(map, where);
        Map<String, String> env = env(map, projectEnv, name, where);
        ZoneId zone = ZoneId.systemDefault();
        YamlNode.Entry zoneEntry = Values.find(map, "timezone");
        if (zoneEntry != null) {
            String text = values.text(zoneEntry, where, "a time zone like Europe/Berlin");
            try {
                zone = ZoneId.of(text);
            } catch (DateTimeException e) {
                throw values.fail(zoneEntry.value(), where + ": unknown timezone '" + text + "'"
                        + Names.didYouMean(text, ZoneId.getAvailableZoneIds()));
            }
        }
        JobSpec.Overlap overlap = JobSpec.Overlap.SKIP;
        YamlNode.Entry overlapEntry = Values.find(map, "overlap");
        if (overlapEntry != null) {
            String word = values.word(overlapEntry, where, OVERLAP_WORDS, "overlap");
            overlap = JobSpec.Overlap.valueOf(word.toUpperCase(Locale.ROOT));
        }
        Duration timeout = null;
        YamlNode.Entry jobTimeout = Values.find(map, "timeout");
        if (jobTimeout != null) {
            timeout = values.duration(jobTimeout, where, true);
        }
        YamlNode.Entry catchUpEntry = Values.find(map, "catch_up");
        boolean catchUp = catchUpEntry != null && values.flag(catchUpEntry, where);
        return new JobSpec(name, schedule, command, cwd, env, zone, overlap, timeout, catchUp);
    }

    private YamlNode.Mapping settings(YamlNode.Entry entry, String where) throws ProjectFileException {
        if (Values.isNull(entry.value()) || isEmptyString(entry.value())) {
            throw values.fail(entry, where + " has no settings; it needs at least command:");
        }
        return values.mapping(entry.value(), where, "a map of settings (command:, ...)");
    }

    private static boolean isEmptyString(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.text() != null && s.text().isEmpty();
    }

    private String command(YamlNode.Mapping map, YamlNode.Entry owner, String where) throws ProjectFileException {
        YamlNode.Entry entry = Values.find(map, "command");
        if (entry == null) {
            throw values.fail(owner, where + " has no command");
        }
        String command = values.command(entry, where, "a string (it is run by /bin/sh -c)");
        if (command.isBlank()) {
            throw values.fail(entry.value(), where + ": command is empty");
        }
        return command;
    }

    private Path cwd(YamlNode.Mapping map, String where) throws ProjectFileException {
        YamlNode.Entry entry = Values.find(map, "cwd");
        if (entry == null) {
            return paths.dir();
        }
        String text = values.text(entry, where, "a directory path");
        Path cwd = paths.resolve(text, entry.value(), values);
        if (!Files.isDirectory(cwd)) {
            throw values.fail(entry.value(), where + ": cwd '" + text + "' "
                    + (Files.exists(cwd) ? "is not a directory" : "does not exist") + " (" + cwd + ")");
        }
        return cwd;
    }

    /** Project env_file, then this one's env_file, then env: later wins. Notes the sources in envSources. */
    private Map<String, String> env(YamlNode.Mapping map, Map<String, String> projectEnv, String name, String where)
            throws ProjectFileException {
        Map<String, String> env = new LinkedHashMap<>(projectEnv);
        List<Path> files = new ArrayList<>();
        if (projectEnvFile != null) {
            files.add(projectEnvFile);
        }
        YamlNode.Entry fileEntry = Values.find(map, "env_file");
        if (fileEntry != null) {
            files.add(envFilePath(fileEntry, where));
            env.putAll(envFile(fileEntry, where));
        }
        Set<String> fileKeys = Set.copyOf(env.keySet());
        Map<String, String> inline = new LinkedHashMap<>();
        YamlNode.Entry envEntry = Values.find(map, "env");
        if (envEntry != null && !Values.isNull(envEntry.value())) {
            YamlNode.Mapping vars = values.mapping(envEntry.value(), where + ": env", "a map of NAME: value");
            for (YamlNode.Entry var : vars.entries()) {
                if (!EnvFile.KEY.matcher(var.key()).matches()) {
                    throw values.fail(var, where + ": bad variable name '" + var.key()
                            + "' in env (" + EnvFile.KEY_RULE + ")");
                }
                YamlNode value = var.value();
                if (!(value instanceof YamlNode.Scalar s)) {
                    throw values.fail(value, where + ": env " + var.key() + " must be a string, number or boolean, "
                            + "not " + value.description());
                }
                if (s.text() == null) {
                    throw values.fail(value, where + ": env " + var.key() + " has no value; write "
                            + var.key() + ": \"\" for an empty string");
                }
                String problem = CommandSize.variableProblem(var.key(), s.text());
                if (problem != null) {
                    throw values.fail(value, where + ": env " + var.key() + ": " + problem);
                }
                env.put(var.key(), s.text());
                inline.put(var.key(), s.text());
            }
        }
        envSources.put(name, new EnvSources(files, fileKeys, inline));
        return env;
    }

    private Map<String, String> envFile(YamlNode.Entry entry, String where) throws ProjectFileException {
        return EnvFile.read(envFilePath(entry, where), paths.shown(values.text(entry, where, "a file path")));
    }

    private Path envFilePath(YamlNode.Entry entry, String where) throws ProjectFileException {
        String text = values.text(entry, where, "a file path");
        Path file = paths.resolve(text, entry.value(), values);
        if (!Files.isRegularFile(file)) {
            String problem = Files.exists(file) ? "is not a regular file" : "does not exist";
            throw values.fail(entry.value(), where + ": env_file '" + text + "' " + problem + " (" + file + ")");
        }
        return file;
    }

    /** depends_on: a list of names (each: ready), or a map of names to {condition: ...} as compose writes it. */
    private List<Dependencies.Edge> dependsOn(YamlNode.Mapping map, String name, String where)
            throws ProjectFileException {
        YamlNode.Entry entry = Values.find(map, "depends_on");
        if (entry == null || Values.isNull(entry.value())) {
            return List.of();
        }
        List<Dependencies.Edge> edges = new ArrayList<>();
        if (entry.value() instanceof YamlNode.Mapping conditions) {
            for (YamlNode.Entry dep : conditions.entries()) {
                edges.add(new Dependencies.Edge(name, dep.key(), dep.line(), values.origin(dep),
                        condition(dep, where + ": depends_on " + dep.key())));
            }
            return edges;
        }
        if (!(entry.value() instanceof YamlNode.Sequence list)) {
            throw values.fail(entry.value(), where + ": depends_on must be a list of service names like [db], or a map "
                    + "like { db: { condition: ready } }, not " + entry.value().description());
        }
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlNode.Scalar s) || s.text() == null || s.text().isEmpty()) {
                throw values.fail(item, where + ": depends_on entries must be service names, not "
                        + item.description());
            }
            for (Dependencies.Edge seen : edges) {
                if (seen.to().equals(s.text())) {
                    throw values.fail(item, where + ": depends_on lists '" + s.text() + "' twice");
                }
            }
            edges.add(new Dependencies.Edge(name, s.text(), s.line(), values.origin(s), Dependency.Condition.READY));
        }
        return edges;
    }

    /** { condition: completed_successfully } (compose's service_* words too); empty or null: ready. */
    private Dependency.Condition condition(YamlNode.Entry dep, String where) throws ProjectFileException {
        if (Values.isNull(dep.value())) {
            return Dependency.Condition.READY;
        }
        YamlNode.Mapping settings = values.mapping(dep.value(), where, "a map like { condition: completed_successfully }");
        values.checkKeys(settings, List.of("condition"), "in " + where);
        YamlNode.Entry c = Values.find(settings, "condition");
        if (c == null) {
            return Dependency.Condition.READY;
        }
        String word = values.word(c, where, CONDITION_WORDS, "condition");
        return Dependency.Condition.ofWord(COMPOSE_CONDITIONS.getOrDefault(word, word));
    }
}
