package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A project as read from its file (tend.yaml or Procfile).
 *
 * @param dir        the directory relative paths are resolved against (the file's directory)
 * @param file       the file it was read from
 * @param services   in file order (a LinkedHashMap)
 * @param jobs       in file order
 * @param envSources by service or job name, where its env came from (absent: all of it was written inline)
 * @param overrides  the files named after it (`tend up -f file -f local.yaml`) merged over it, to read again on
 *                   reload; a tend.override.yaml found beside tend.yaml is not listed, it is found again
 * @param replicas   by service name, the `replicas:` the file gives it (absent: none given, one plain service);
 *                   {@link Replicas#expand} turns such a service into its copies when the project is registered
 */
public record ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs,
                          Map<String, EnvSources> envSources, List<Path> overrides, Map<String, Integer> replicas) {

    public ProjectSpec {
        envSources = Map.copyOf(envSources);
        overrides = List.copyOf(overrides);
        replicas = Map.copyOf(replicas);
    }

    public ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs,
                       Map<String, EnvSources> envSources, List<Path> overrides) {
        this(name, dir, file, services, jobs, envSources, overrides, Map.of());
    }

    /** This project with these `replicas:` counts by service. */
    public ProjectSpec withReplicas(Map<String, Integer> counts) {
        return new ProjectSpec(name, dir, file, services, jobs, envSources, overrides, counts);
    }

    /** This project with other services (its copies, once expanded). */
    ProjectSpec withServices(Map<String, ServiceSpec> other) {
        return new ProjectSpec(name, dir, file, other, jobs, envSources, overrides, replicas);
    }

    public ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs,
                       Map<String, EnvSources> envSources) {
        this(name, dir, file, services, jobs, envSources, List.of());
    }

    /** This project as read with these files merged over its file. */
    public ProjectSpec withOverrides(List<Path> files) {
        return new ProjectSpec(name, dir, file, services, jobs, envSources, files, replicas);
    }

    public ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs) {
        this(name, dir, file, services, jobs, Map.of());
    }
}
