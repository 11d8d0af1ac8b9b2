package dev.tend.daemon.core.process;

import dev.tend.os.NewSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What this package needs to know about the operating system it runs on. */
final class Os {

    private Os() {
    }

    /** Linux's /proc gives sessions, process groups and CPU ticks of every process; elsewhere ProcessHandle only. */
    static boolean hasLinuxProc() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** The absolute path of an executable, from the system directories or else the daemon's PATH. */
    static Optional<Path> findExecutable(String name) {
        return Optional.ofNullable(NewSession.findExecutable(name));
    }

    /** The OS start time of a pid as Java reports it; the launcher and the control must agree on it exactly. */
    static Optional<java.time.Instant> startTime(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    }
}
