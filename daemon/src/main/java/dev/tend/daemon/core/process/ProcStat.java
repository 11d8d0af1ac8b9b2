package dev.tend.daemon.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of Linux's /proc/&lt;pid&gt;/stat that tend needs. Field 2 (comm, in parentheses) is the
 * executable's name, which may itself contain spaces and ')', so the numbered fields are read after the
 * LAST ')'.
 */
record ProcStat(long pid, char state, long ppid, long pgrp, long session, long utimeTicks, long stimeTicks) {

    private static final Path PROC = Path.of("/proc");

    /** A zombie (Z) or dead (X) process has exited: it only waits to be reaped and can't be signalled usefully. */
    boolean exited() {
        return state == 'Z' || state == 'X';
    }

    /** The stat of a pid, empty if there is no such process (or it vanished while being read). */
    static Optional<ProcStat> read(long pid) {
        String line;
        try {
            line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(line));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: '" + line + "'");
        }
        // after ')': state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11)
        // majflt(12) cmajflt(13) utime(14) stime(15) ...
        String[] f = line.substring(close + 1).trim().split(" +");
        if (f.length < 13 || f[0].length() != 1) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat line: '" + line + "'");
        }
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).trim()), f[0].charAt(0),
                    Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[11]), Long.parseLong(f[12]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in /proc/<pid>/stat line: '" + line + "'", e);
        }
    }
}
