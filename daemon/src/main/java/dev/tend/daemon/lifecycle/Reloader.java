package dev.tend.daemon.lifecycle;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.projects.ProjectRegistration;
import dev.tend.daemon.core.projects.ReloadResult;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.project.ProjectFileException;
import dev.tend.daemon.project.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIGHUP and daemon.reload: re-read the settings and every registered project file, and apply what changed
 * without restarting anything that did not. A file that does not load changes nothing of its project.
 */
public final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final Path settingsFile;
    private final Supervisor supervisor;
    private final ProjectRegistration registration;
    private final StateStore store;
    private final boolean levelFromEnvironment;
    private volatile Settings settings;

    public Reloader(Path settingsFile, Settings initial, Supervisor supervisor, JobScheduler jobs, StateStore store,
                    boolean levelFromEnvironment) {
        this.settingsFile = settingsFile;
        this.settings = initial;
        this.supervisor = supervisor;
        this.registration = new ProjectRegistration(supervisor, jobs);
        this.store = store;
        this.levelFromEnvironment = levelFromEnvironment;
    }

    public Settings settings() {
        return settings;
    }

    /** What was reloaded, as plain values: {settings: "reloaded"|error, projects: [{project, ...} | {project, error}]}. */
    public synchronized Map<String, Object> reload() {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            Settings next = SettingsFile.load(settingsFile);
            apply(next);
            result.put("settings", "reloaded");
        } catch (SettingsFile.SettingsException e) {
            log.warn("settings not reloaded, the old ones stay: {}", e.getMessage());
            result.put("settings", e.getMessage());
        }
        List<Map<String, Object>> projects = new ArrayList<>();
        for (ProjectInfo p : supervisor.projects()) {
            if (p.file() == null) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("project", p.name());
            try {
                StateStore.ProjectRecord record = registered(p.name());
                ReloadResult diff = registration.reload(
                        ProjectFiles.read(p.file(), record.overrides(), record.baseEnv()).spec(), record.baseEnv());
                r.put("added", diff.added());
                r.put("changed", diff.changed());
                r.put("removed", diff.removed());
                r.put("jobs", Map.of("added", diff.jobs().added(), "changed", diff.jobs().changed(),
                        "removed", diff.jobs().removed()));
            } catch (ProjectFileException | RuntimeException e) {
                log.warn("project {} not reloaded: {}", p.name(), e.getMessage());
                r.put("error", e.getMessage());
            }
            projects.add(r);
        }
        result.put("projects", projects);
        log.info("reloaded: {}", result);
        return result;
    }

    private StateStore.ProjectRecord registered(String project) {
        return store.projects().stream().filter(r -> r.name().equals(project)).findFirst()
                .orElse(new StateStore.ProjectRecord(project, null, null, Map.of()));
    }

    private void apply(Settings next) {
        settings = next;
        supervisor.updateLogPolicy(next.logs());
        if (!levelFromEnvironment) {
            LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(next.logLevel(), Level.INFO));
        }
    }
}
