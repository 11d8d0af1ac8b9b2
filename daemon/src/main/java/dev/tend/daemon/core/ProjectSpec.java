package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * A project as read from its file (tend.yaml or Procfile).
 *
 * @param dir        the directory relative paths are resolved against (the file's directory)
 * @param file       the file it was read from
 * @param services   in file order (a LinkedHashMap)
 * @param jobs       in file order
 * @param envSources by service or job name, where its env came from (absent: all of it was written inline)
 */
public record ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs,
                          Map<String, EnvSources> envSources) {

    public ProjectSpec {
        envSources = Map.copyOf(envSources);
    }

    public ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs) {
        this(name, dir, file, services, jobs, Map.of());
    }
}
