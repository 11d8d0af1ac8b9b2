package dev.tend.daemon.rpc;

import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.EnvSources;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.time.Durations;
import dev.tend.daemon.project.ProjectFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * project.config: the project as `tend up` would read it here (files merged, variables substituted), starting
 * nothing. A value that came from an env_file is shown as {@link #HIDDEN}: env files hold secrets, and the output is
 * made to be pasted into issues.
 */
final class ConfigMethods {

    static final String HIDDEN = "***";

    private ConfigMethods() {
    }

    static Map<String, Object> config(String dir, List<String> files, Map<String, String> env) {
        ProjectFiles.Loaded loaded = ProjectMethods.read(dir, files, env == null ? Map.of() : Inputs.env("env", env));
        ProjectSpec spec = loaded.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", spec.name());
        m.put("dir", spec.dir().toString());
        m.put("files", loaded.files().stream().map(Path::toString).toList());
        m.put("services", spec.services().values().stream().map(s -> service(s, spec.envSources().get(s.name()),
                spec.replicas().get(s.name()))).toList());
        m.put("jobs", spec.jobs().values().stream().map(j -> job(j, spec.envSources().get(j.name()))).toList());
        m.put("warnings", loaded.warnings());
        return m;
    }

    /** @param replicas its `replicas:`, or null when the file gives none */
    private static Map<String, Object> service(ServiceSpec s, EnvSources sources, Integer replicas) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("command", s.command());
        m.put("cwd", s.cwd().toString());
        m.put("env", env(s.env(), sources));
        m.put("dependsOn", s.dependsOn().stream().map(Dependency::service).toList());
        Map<String, String> conditions = new LinkedHashMap<>();
        s.dependsOn().forEach(d -> conditions.put(d.service(), d.condition().wireName()));
        m.put("conditions", conditions);
        m.put("ready", s.ready() == null ? null : probe(s.ready()));
        m.put("restart", s.restart().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("maxRestarts", s.maxRestarts());
        m.put("stopSignal", s.stopSignal().fullName());
        m.put("stopTimeout", Durations.format(s.stopTimeout()));
        m.put("port", s.autoPort() ? "auto" : s.port() > 0 ? Integer.toString(s.port()) : null);
        m.put("minUptime", Durations.format(s.minUptime()));
        m.put("autostart", s.autostart());
        m.put("successExitCodes", s.successExitCodes().stream().sorted().toList());
        m.put("restartDelay", s.restartDelay() == null ? null : Durations.format(s.restartDelay()));
        m.put("stopCommand", s.stopCommand());
        m.put("replicas", replicas);
        return m;
    }

    private static Map<String, Object> job(JobSpec j, EnvSources sources) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", j.name());
        m.put("schedule", j.schedule());
        m.put("command", j.command());
        m.put("cwd", j.cwd().toString());
        m.put("env", env(j.env(), sources));
        m.put("timezone", j.timezone().getId());
        m.put("overlap", j.overlap().name().toLowerCase(Locale.ROOT));
        m.put("timeout", j.timeout() == null ? null : Durations.format(j.timeout()));
        m.put("catchUp", j.catchUp());
        return m;
    }

    private static Map<String, Object> probe(ProbeSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        m.put("target", p.target());
        m.put("interval", Durations.format(p.interval()));
        m.put("timeout", Durations.format(p.timeout()));
        m.put("attemptTimeout", Durations.format(p.attemptTimeout()));
        return m;
    }

    /** The env with every value an env_file set (and env: did not set again) hidden. */
    private static Map<String, String> env(Map<String, String> env, EnvSources sources) {
        Map<String, String> shown = new LinkedHashMap<>();
        env.forEach((k, v) -> shown.put(k, sources != null && sources.fileKeys().contains(k)
                && !sources.inline().containsKey(k) ? HIDDEN : v));
        return shown;
    }
}
