package dev.tend.daemon.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A registered project: where its file is, its base environment, and its services in the file's order. */
final class Project {
    final String name;
    Path dir;
    Path file;
    Map<String, String> baseEnv;
    final LinkedHashMap<String, Service> services = new LinkedHashMap<>();
    /** What the last projectChanged said: an unchanged project is not announced again. */
    ProjectInfo announced;
    /** Why the registered file could not be loaded when the daemon started; null once it was. */
    String loadProblem;
    /** The project as its file declares it, before {@link Replicas#expand}; null for the ad-hoc services. */
    ProjectSpec declared;
    /** Its file was missing at the last look ({@link ProjectRegistry#files}, made outside the lock). */
    boolean fileGone;

    Project(String name, Path dir, Path file, Map<String, String> baseEnv) {
        this.name = name;
        this.dir = dir;
        this.file = file;
        this.baseEnv = Map.copyOf(baseEnv);
    }

    ProjectInfo info() {
        String problem = fileGone ? "its file " + file + " is gone" : loadProblem;
        return new ProjectInfo(name, dir, file, List.copyOf(services.keySet()), problem);
    }

    boolean isUp() {
        return services.values().stream().anyMatch(s -> s.desired);
    }
}
