package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A registered project. dir and file are null for the "adhoc" project.
 *
 * @param services names in file order
 */
public record ProjectInfo(String name, Path dir, Path file, List<String> services) {

    public ProjectInfo {
        services = List.copyOf(services);
    }
}
