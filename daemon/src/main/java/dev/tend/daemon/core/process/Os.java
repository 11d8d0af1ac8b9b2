package dev.tend.daemon.core.process;

import dev.tend.os.NewSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    /**
     * The OS start time of a pid as Java's {@link ProcessHandle.Info#startInstant} reports it; the launcher and the
     * control must agree on it exactly, and records made by an earlier daemon hold it. On Linux it is computed the
     * way the JDK computes it (boot time in milliseconds + start ticks * 1000 / ticks per second), from the stat
     * line alone: {@code ProcessHandle.info()} also reads the command line, the executable and the user's name (a
     * read of /etc/passwd) for each call, and a stop asks this for every member of a tree.
     */
    static Optional<Instant> startTime(long pid) {
        if (BootTime.MILLIS > 0) {
            return ProcStat.read(pid).map(Os::startTime);
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
    }

    /** The start time of a process read from /proc (see {@link #startTime(long)}). */
    static Instant startTime(ProcStat stat) {
        if (BootTime.MILLIS <= 0) {
            return ProcessHandle.of(stat.pid()).flatMap(h -> h.info().startInstant()).orElse(Instant.EPOCH);
        }
        return Instant.ofEpochMilli(BootTime.MILLIS + stat.startTicks() * 1000 / SystemConstants.CLOCK_TICKS_PER_SECOND);
    }

    /** /proc/stat's btime in milliseconds, read once; 0 where there is none (not Linux). */
    private static final class BootTime {
        static final long MILLIS = read();

        private static long read() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                    if (line.startsWith("btime ")) {
                        return Long.parseLong(line.substring(6).trim()) * 1000;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /proc: ProcessHandle answers
            }
            return 0;
        }
    }
}
