package dev.tend.daemon.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A project file deleted (or put back) while the daemon runs is told to every peer, as any change is. The files
 * are looked at outside the lock: a project on a hung network mount must not stall the supervisor.
 */
final class ProjectFileCheck implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ProjectFileCheck.class);

    private final SerialState<SupervisorListener, Service> serial;
    private final ProjectRegistry projects;
    private final ServiceMachine machine;

    ProjectFileCheck(SerialState<SupervisorListener, Service> serial, ProjectRegistry projects, ServiceMachine machine) {
        this.serial = serial;
        this.projects = projects;
        this.machine = machine;
    }

    @Override
    public void run() {
        try {
            Map<Project, Path> files = serial.locked(tx -> projects.files());
            Map<Project, Boolean> gone = new IdentityHashMap<>();
            files.forEach((p, f) -> gone.put(p, !Files.exists(f)));
            serial.locked(tx -> {
                gone.forEach((p, isGone) -> {
                    if (projects.stillHas(p, files.get(p))) {
                        p.fileGone = isGone;
                        machine.emitProject(p); // told only if that changed what the project looks like
                    }
                });
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("checking the project files failed: {}", e.toString(), e); // and again at the next check
        }
    }
}
