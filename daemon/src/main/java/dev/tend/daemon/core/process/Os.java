package dev.tend.daemon.core.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What this package needs to know about the operating system it runs on. */
final class Os {

    /** Where helper binaries are looked for, before the daemon's own PATH. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

    private Os() {
    }

    /** Linux's /proc gives sessions, process groups and CPU ticks of every process; elsewhere ProcessHandle only. */
    static boolean hasLinuxProc() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** The absolute path of an executable, from the system directories or else the daemon's PATH. */
    static Optional<Path> findExecutable(String name) {
        List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The OS start time of a pid as Java reports it; the launcher and the control must agree on it exactly. */
    static Optional<java.time.Instant> startTime(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    }
}
