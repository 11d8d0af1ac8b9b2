package dev.tend.daemon.core.logs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads a service's log (the live file and its rotations, oldest to newest) without locking the writer: it sees
 * the files as they were when it opened them, up to the last complete line.
 *
 * <p>Resuming: every read returns {@link LogPage#next()}; {@link #readAfter} with it returns exactly the lines
 * written after, however many rotations happened in between, unless the lines were rotated away (then
 * {@link LogPage#gap()}). A follower (`logs -f`) reads the tail, then on each notification from the capture's
 * listener calls {@code readAfter(next)}: since lines reach the file before listeners hear of them, this never
 * misses or repeats a line.
 */
public final class LogReader {

    private static final int BLOCK = 64 * 1024;
    /** A "line" longer than this (a file that is not a log) is handed out in pieces rather than held whole. */
    private static final int MAX_LINE = 8 * 1024 * 1024;

    private LogReader() {
    }

    /** The end of the log now: reading after it returns only lines written later. START if there is no log yet. */
    public static LogPosition end(Path logFile) throws IOException {
        try (LogFiles files = LogFiles.open(logFile)) {
            return end(files);
        }
    }

    /**
     * The first page of the last {@code tail} lines (all if tail &lt;= 0) at or after {@code since} (null: any time)
     * of the given stream (null: both): as many of them, oldest first, as the budget allows. If the page
     * {@link LogPage#more() has more}, {@link #readAfter(Path, LogPosition, LogBudget, LogStream)} from its
     * {@code next} continues with the rest (and whatever was written since). Finds where the tail begins by
     * reading backwards, so a small tail of a large log is cheap; a line older than {@code since} ends the search.
     */
    public static LogPage readTail(Path logFile, int tail, Instant since, LogStream only, LogBudget budget) throws IOException {
        return readTail(logFile, tail, since, null, only, budget);
    }

    /**
     * Like {@link #readTail(Path, int, Instant, LogStream, LogBudget)}, leaving out lines after {@code until} (null:
     * none): the tail is the last lines up to that time. Pages after the first need the same {@code until}.
     */
    public static LogPage readTail(Path logFile, int tail, Instant since, Instant until, LogStream only,
                                  LogBudget budget) throws IOException {
        try (LogFiles files = LogFiles.open(logFile)) {
            List<LogFiles.Entry> entries = files.entries;
            if (entries.isEmpty()) {
                return LogPage.empty();
            }
            int[] count = {0};
            int first = entries.size() - 1;
            long[] offset = {entries.get(first).end()}; // nothing matches: the page starts (and ends) at the end
            for (int i = entries.size() - 1; i >= 0; i--) {
                LogFiles.Entry entry = entries.get(i);
                int before = count[0];
                boolean more = scanBackward(entry, (bytes, off, len, start, end) -> {
                    LogStream stream = LogFormat.streamOf(bytes, off, len);
                    Instant time = stream == null ? null : LogFormat.parseTime(bytes, off);
                    if (time != null && since != null && time.isBefore(since)) {
                        return false;
                    }
                    boolean formatted = stream != null && time != null;
                    LogStream s = formatted ? stream : LogStream.OUT;
                    Instant t = formatted ? time : entry.mtime();
                    if ((only == null || s == only) && (since == null || !t.isBefore(since))
                            && (until == null || !t.isAfter(until))) {
                        count[0]++;
                        offset[0] = start;
                    }
                    return tail <= 0 || count[0] < tail;
                });
                if (count[0] > before) {
                    first = i;
                }
                if (!more) {
                    break;
                }
            }
            return forward(files, first, offset[0], false, only, until, null, budget);
        }
    }

    /**
     * The lines after {@code after} of the given stream (null: both), oldest first, as many as the budget allows:
     * the page ends before the first line that would take it over ({@link LogPage#more()}; a line too big for any
     * page is cut to fit). If the file that {@code after} points into was rotated away, reading starts at the
     * oldest line kept and the page says {@link LogPage#gap()}.
     */
    public static LogPage readAfter(Path logFile, LogPosition after, LogBudget budget, LogStream only) throws IOException {
        return readAfter(logFile, after, null, budget, only);
    }

    /**
     * Like {@link #readAfter(Path, LogPosition, LogBudget, LogStream)}, but lines after {@code before} (if not null)
     * are left out: paging with the {@link LogPage#end()} of a first read as {@code before} reaches the end of the
     * log as it was then, however fast it grows meanwhile. A bound whose file was rotated away (or START) lies
     * before every line kept, so nothing is read.
     */
    public static LogPage readAfter(Path logFile, LogPosition after, LogPosition before, LogBudget budget,
                                    LogStream only) throws IOException {
        return readAfter(logFile, after, before, budget, only, null);
    }

    /** Like {@link #readAfter(Path, LogPosition, LogPosition, LogBudget, LogStream)}, without lines after until. */
    public static LogPage readAfter(Path logFile, LogPosition after, LogPosition before, LogBudget budget,
                                    LogStream only, Instant until) throws IOException {
        try (LogFiles files = LogFiles.open(logFile)) {
            return after(files, after, only, until, before, budget);
        }
    }

    private static LogPage after(LogFiles files, LogPosition after, LogStream only, Instant until, LogPosition before,
                                 LogBudget budget) throws IOException {
        List<LogFiles.Entry> entries = files.entries;
        int first = 0;
        long offset = 0;
        boolean gap = false;
        if (after.fileKey() != null) {
            first = -1;
            for (int i = 0; i < entries.size() && first < 0; i++) {
                if (entries.get(i).is(after)) {
                    first = i;
                }
            }
            if (first < 0) {
                first = 0;
                gap = true;
            } else if (after.offset() > entries.get(first).end()) {
                offset = entries.get(first).end(); // not a position this file ever had: nothing sensible to resume
                gap = true;
            } else {
                offset = after.offset();
            }
        }
        if (entries.isEmpty() && after.fileKey() != null) {
            gap = true;
        }
        return forward(files, first, offset, gap, only, until, before, budget);
    }

    /** Reads from the offset in entry {@code first} on, up to the budget or to {@code before} (if not null). */
    private static LogPage forward(LogFiles files, int first, long offset, boolean gap, LogStream only, Instant until,
                                   LogPosition before, LogBudget budget) throws IOException {
        List<LogFiles.Entry> entries = files.entries;
        LogPosition end = before != null ? before : end(files);
        int last = entries.size() - 1;
        long lastEnd = entries.isEmpty() ? 0 : entries.get(last).end();
        if (before != null) {
            int bound = -1;
            for (int i = 0; i < entries.size() && bound < 0; i++) {
                if (entries.get(i).is(before)) {
                    bound = i;
                }
            }
            if (bound < 0 || bound < first || (bound == first && before.offset() <= offset)) {
                LogPosition here = entries.isEmpty() ? LogPosition.START : entries.get(first).position(offset);
                return new LogPage(List.of(), here, gap, false, end); // already at (or past) the bound
            }
            last = bound;
            lastEnd = Math.min(before.offset(), entries.get(bound).end());
        }
        List<LogLine> lines = new ArrayList<>();
        long[] spent = {0};
        boolean[] stopped = {false};
        LogPosition[] next = {entries.isEmpty() ? LogPosition.START : entries.get(last).position(lastEnd)};
        for (int i = first; i <= last; i++) {
            LogFiles.Entry entry = entries.get(i);
            long limit = i == last ? lastEnd : entry.end();
            boolean more = scanForward(entry, i == first ? offset : 0, limit, (bytes, off, len, start, stop) -> {
                LogStream stream = LogFormat.streamOf(bytes, off, len);
                Instant time = stream == null ? null : LogFormat.parseTime(bytes, off);
                LogLine line = budget.fit(line(bytes, off, len, stream, time, entry));
                if (!matches(line, null, until, only)) {
                    return true;
                }
                long cost = budget.cost(line);
                if (!lines.isEmpty() && spent[0] + cost > budget.bytes()) {
                    next[0] = entry.position(start); // this line begins the next page
                    stopped[0] = true;
                    return false;
                }
                spent[0] += cost;
                lines.add(line);
                return true;
            });
            if (!more) {
                break;
            }
        }
        return new LogPage(lines, next[0], gap, stopped[0], end);
    }

    private static LogPosition end(LogFiles files) {
        if (files.entries.isEmpty()) {
            return LogPosition.START;
        }
        LogFiles.Entry newest = files.entries.get(files.entries.size() - 1);
        return newest.position(newest.end());
    }

    private static boolean matches(LogLine line, Instant since, Instant until, LogStream only) {
        return (only == null || line.stream() == only) && (since == null || !line.time().isBefore(since))
                && (until == null || !line.time().isAfter(until));
    }

    /** The line, or for a line that is not in the log format, its whole text as out, at the file's mtime. */
    private static LogLine line(byte[] bytes, int off, int len, LogStream stream, Instant time, LogFiles.Entry entry) {
        if (stream != null && time != null) {
            int textOffset = LogFormat.TEXT_OFFSET;
            return new LogLine(time, stream, new String(bytes, off + textOffset, len - textOffset, StandardCharsets.UTF_8));
        }
        return new LogLine(entry.mtime(), LogStream.OUT, new String(bytes, off, len, StandardCharsets.UTF_8));
    }

    /**
     * Receives a line without its '\n'; {@code start} and {@code end} are the file offsets of its first byte and
     * just after it ('\n' included). False: stop.
     */
    private interface LineVisitor {
        boolean visit(byte[] bytes, int off, int len, long start, long end);
    }

    /** Visits the entry's lines last to first; false if the visitor stopped. */
    private static boolean scanBackward(LogFiles.Entry entry, LineVisitor visitor) throws IOException {
        long pos = entry.end();
        byte[] carry = new byte[0]; // the tail of a line whose beginning lies before pos; ends at a line boundary
        while (pos > 0) {
            int n = (int) Math.min(BLOCK, pos);
            long blockStart = pos - n;
            byte[] data = new byte[n + carry.length];
            readFully(entry.channel(), ByteBuffer.wrap(data, 0, n), blockStart);
            System.arraycopy(carry, 0, data, n, carry.length);
            int end = data.length;
            while (end > 0) {
                int lineEnd = data[end - 1] == '\n' ? end - 1 : end;
                int start = lastNewline(data, lineEnd) + 1;
                if (start == 0 && blockStart > 0 && end <= MAX_LINE) {
                    break; // the line began in an earlier block
                }
                if (!visitor.visit(data, start, lineEnd - start, blockStart + start, blockStart + end)) {
                    return false;
                }
                end = start;
            }
            carry = Arrays.copyOf(data, end);
            pos = blockStart;
        }
        return true;
    }

    private static int lastNewline(byte[] data, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Visits the entry's lines from the given offset (a line start) to {@code limit} (a line end), first to last. */
    private static boolean scanForward(LogFiles.Entry entry, long from, long limit, LineVisitor visitor) throws IOException {
        long pos = from;
        byte[] carry = new byte[0]; // the beginning of a line whose '\n' lies at or after pos
        while (pos < limit) {
            int n = (int) Math.min(BLOCK, limit - pos);
            byte[] data = Arrays.copyOf(carry, carry.length + n);
            readFully(entry.channel(), ByteBuffer.wrap(data, carry.length, n), pos);
            long dataStart = pos - carry.length;
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    if (!visitor.visit(data, start, i - start, dataStart + start, dataStart + i + 1)) {
                        return false;
                    }
                    start = i + 1;
                }
            }
            pos += n;
            if (data.length - start > MAX_LINE) {
                if (!visitor.visit(data, start, data.length - start, dataStart + start, pos)) {
                    return false;
                }
                start = data.length;
            }
            carry = Arrays.copyOfRange(data, start, data.length);
        }
        // Only a rotated file can end without '\n' (the live one is read up to its last complete line).
        return carry.length == 0 || visitor.visit(carry, 0, carry.length, limit - carry.length, limit);
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException("log file shrank while being read (at byte " + at + ")");
            }
            at += n;
        }
    }
}
