package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * A project as read from its file (tend.yaml or Procfile).
 *
 * @param dir      the directory relative paths are resolved against (the file's directory)
 * @param file     the file it was read from
 * @param services in file order (a LinkedHashMap)
 * @param jobs     in file order
 */
public record ProjectSpec(String name, Path dir, Path file, Map<String, ServiceSpec> services, Map<String, JobSpec> jobs) {
}
