package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A registered project. dir and file are null for the "adhoc" project.
 *
 * @param services names in file order
 * @param problem  why the project cannot run as registered (its file is gone or cannot be loaded), or null
 */
public record ProjectInfo(String name, Path dir, Path file, List<String> services, String problem) {

    public ProjectInfo {
        services = List.copyOf(services);
    }

    public ProjectInfo(String name, Path dir, Path file, List<String> services) {
        this(name, dir, file, services, null);
    }
}
