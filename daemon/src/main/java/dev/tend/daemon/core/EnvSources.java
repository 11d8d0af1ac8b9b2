package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a service's or job's env came from, for exports that must not copy secrets out of env files:
 * the env files (absolute, in the order they apply), the names they set, and the inline `env:` values.
 */
public record EnvSources(List<Path> files, Set<String> fileKeys, Map<String, String> inline) {

    public EnvSources {
        files = List.copyOf(files);
        fileKeys = Set.copyOf(fileKeys);
        inline = Map.copyOf(inline);
    }
}
