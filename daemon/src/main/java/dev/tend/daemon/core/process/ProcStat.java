package dev.tend.daemon.core.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The fields of Linux's /proc/&lt;pid&gt;/stat that tend needs. Field 2 (comm, in parentheses) is the
 * executable's name, which may itself contain spaces and ')', so the numbered fields are read after the
 * LAST ')'.
 */
record ProcStat(long pid, char state, long ppid, long pgrp, long session, long utimeTicks, long stimeTicks,
                long startTicks) {

    /** A zombie (Z) or dead (X) process has exited: it only waits to be reaped and can't be signalled usefully. */
    boolean exited() {
        return state == 'Z' || state == 'X';
    }

    /**
     * The stat of a pid, empty if there is no such process (or it vanished while being read). Read with plain
     * java.io into a small buffer: every stop and every crash reads the whole table, mostly in code the JIT has
     * not compiled yet, so the fewer objects and calls per file the better.
     */
    static Optional<ProcStat> read(long pid) {
        byte[] buf = new byte[1024]; // a stat line is ~300 bytes; comm is at most 64
        int n = 0;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(new String(buf, 0, n, StandardCharsets.ISO_8859_1)));
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
        // majflt(12) cmajflt(13) utime(14) stime(15) cutime(16) cstime(17) priority(18) nice(19)
        // num_threads(20) itrealvalue(21) starttime(22) ...
        String[] f = fields(line, close + 1, 20);
        if (f[19] == null || f[0].length() != 1) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat line: '" + line + "'");
        }
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).trim()), f[0].charAt(0),
                    Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[19]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in /proc/<pid>/stat line: '" + line + "'", e);
        }
    }

    /** The first {@code count} space-separated fields from {@code from} on (null where the line has fewer). */
    private static String[] fields(String line, int from, int count) {
        String[] f = new String[count];
        int i = from;
        int end = line.length();
        for (int k = 0; k < count; k++) {
            while (i < end && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == end) {
                break;
            }
            int start = i;
            while (i < end && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            f[k] = line.substring(start, i);
        }
        return f;
    }
}
