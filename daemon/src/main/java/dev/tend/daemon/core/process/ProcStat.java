package dev.tend.daemon.core.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The fields of Linux's /proc/&lt;pid&gt;/stat that tend needs. Field 2 (comm, in parentheses) is the
 * executable's name, which may itself contain spaces and ')', so the numbered fields are read after the
 * LAST ')'.
 */
record ProcStat(long pid, char state, long ppid, long pgrp, long session, long utimeTicks, long stimeTicks,
                long startTicks) {

    /** Fields after the name up to the start time, the last one read (the 22nd of the line). */
    private static final int FIELDS = 20;

    /** A zombie (Z) or dead (X) process has exited: it only waits to be reaped and can't be signalled usefully. */
    boolean exited() {
        return state == 'Z' || state == 'X';
    }

    /**
     * The stat of a pid, empty if there is no such process (or it vanished while being read). Every stop and every
     * crash reads the whole table, mostly in code the JIT has not compiled yet (a crash is rare), so the file is read
     * with one plain read into a small buffer and parsed where it lies, without a String per field: measured on ~70
     * processes, 6 ms a table with a stream and a String per field, about half with this.
     */
    static Optional<ProcStat> read(long pid) {
        byte[] buf = new byte[1024]; // a stat line is ~300 bytes; comm is at most 64
        int n = 0;
        try (RandomAccessFile in = new RandomAccessFile("/proc/" + pid + "/stat", "r")) {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(buf, n));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static ProcStat parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return parse(bytes, bytes.length);
    }

    private static ProcStat parse(byte[] line, int length) {
        int open = indexOf(line, length, '(');
        int close = lastIndexOf(line, length, ')');
        if (open < 1 || close < open) {
            throw bad("not a /proc/<pid>/stat line", line, length);
        }
        // after ')': state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11)
        // majflt(12) cmajflt(13) utime(14) stime(15) cutime(16) cstime(17) priority(18) nice(19)
        // num_threads(20) itrealvalue(21) starttime(22) ...
        int[] starts = new int[FIELDS];
        int[] ends = new int[FIELDS];
        int i = close + 1;
        for (int k = 0; k < FIELDS; k++) {
            while (i < length && isSpace(line[i])) {
                i++;
            }
            if (i == length) {
                throw bad("too few fields in /proc/<pid>/stat line", line, length);
            }
            starts[k] = i;
            while (i < length && !isSpace(line[i])) {
                i++;
            }
            ends[k] = i;
        }
        if (ends[0] - starts[0] != 1) {
            throw bad("too few fields in /proc/<pid>/stat line", line, length);
        }
        int pidEnd = open;
        while (pidEnd > 0 && isSpace(line[pidEnd - 1])) {
            pidEnd--;
        }
        return new ProcStat(number(line, 0, pidEnd, length), (char) (line[starts[0]] & 0xff),
                number(line, starts[1], ends[1], length), number(line, starts[2], ends[2], length),
                number(line, starts[3], ends[3], length), number(line, starts[11], ends[11], length),
                number(line, starts[12], ends[12], length), number(line, starts[19], ends[19], length));
    }

    /** A decimal number of at most 18 digits (no sign: the fields read here are never negative). */
    private static long number(byte[] line, int from, int to, int length) {
        if (to <= from || to - from > 18) {
            throw bad("bad number in /proc/<pid>/stat line", line, length);
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw bad("bad number in /proc/<pid>/stat line", line, length);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n';
    }

    private static int indexOf(byte[] line, int length, char c) {
        for (int i = 0; i < length; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] line, int length, char c) {
        for (int i = length - 1; i >= 0; i--) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException bad(String what, byte[] line, int length) {
        return new IllegalArgumentException(what + ": '" + new String(line, 0, length, StandardCharsets.ISO_8859_1)
                .strip() + "'");
    }
}
