package dev.tend.daemon.rpc;

import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.logs.LogBudget;
import dev.tend.daemon.core.logs.LogPage;
import dev.tend.daemon.core.logs.LogPosition;
import dev.tend.daemon.core.logs.LogReader;
import dev.tend.daemon.core.logs.LogStream;
import dev.tend.daemon.core.time.Durations;
import dev.tend.protocol.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * logs.read: the tail of a service's log, or what came after a position (for followers), a page at a time: a page
 * holds at most a {@link LogBudget} of lines so that the answer fits a frame, and says {@code more} when reading
 * after its {@code next} goes on. Every page reports {@code end}, how far it could read; a reader that must finish
 * on a growing log passes the first page's end as {@code before} with each {@code after}.
 */
final class LogMethods {
    /**
     * Pages read at once, in the whole daemon: each holds up to a few MiB while it is read and written, so three
     * hundred clients asking at once must take turns rather than fill the heap. Others' requests do not wait.
     */
    private static final Semaphore PAGE_READERS = new Semaphore(4, true);

    private final Supervisor supervisor;
    private final Refs refs;
    private final Clock clock;

    LogMethods(Supervisor supervisor, Refs refs, Clock clock) {
        this.supervisor = supervisor;
        this.refs = refs;
        this.clock = clock;
    }

    Map<String, Object> read(String ref, String dir, Integer tail, String since, String until, String stream,
                             String after, String before) {
        Refs.ServiceRef r = refs.service(ref, dir);
        Path file = supervisor.logFile(r.project(), r.service());
        LogStream only = stream(stream);
        Instant from = time("since", since);
        Instant to = time("until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "'since' " + since + " is after 'until' " + until
                    + ": no line is between them");
        }
        try {
            LogPage page = page(file, tail, from, to, only, after, before,
                    LogBudget.forService(r.project(), r.service()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("project", r.project());
            result.put("service", r.service());
            result.put("lines", LogLinesJson.array(r.project(), r.service(), page.lines()));
            putPosition(result, page);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a page of logs.read or job.logs leaves its reader: next, gap, more and end, in both answers alike. */
    static void putPosition(Map<String, Object> result, LogPage page) {
        result.put("next", page.next().token());
        result.put("gap", page.gap());
        result.put("more", page.more());
        result.put("end", page.end().token());
    }

    /**
     * One page of logs.read or job.logs: the tail (default 100 lines, 0: all), or after a position, up to before;
     * without lines after until (null: none), in the tail and in every page after it.
     */
    static LogPage page(Path file, Integer tail, Instant since, Instant until, LogStream only, String after,
                        String before, LogBudget budget) throws IOException {
        int n = tail == null ? 100 : tail;
        if (n < 0) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "tail must be 0 (all lines) or more, got " + n);
        }
        if (before != null && after == null) {
            throw new RpcException(ErrorCode.INVALID_PARAMS,
                    "'before' bounds a read 'after' a position: pass the 'end' of a first page as before, its 'next' as after");
        }
        LogPosition from = after == null ? null : position("after", after);
        LogPosition to = before == null ? null : position("before", before);
        if (!Files.exists(file)) {
            return LogPage.empty();
        }
        PAGE_READERS.acquireUninterruptibly();
        try {
            if (from != null) {
                return LogReader.readAfter(file, from, to, budget, only, until);
            }
            return LogReader.readTail(file, n, since, until, only, budget);
        } finally {
            PAGE_READERS.release();
        }
    }

    private static LogPosition position(String name, String token) {
        try {
            return LogPosition.parse(token);
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "bad '" + name + "' position: " + e.getMessage());
        }
    }

    /** "out"/"stdout", "err"/"stderr", or null for both. */
    static LogStream stream(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "out", "stdout" -> LogStream.OUT;
            case "err", "stderr" -> LogStream.ERR;
            default -> throw new RpcException(ErrorCode.INVALID_PARAMS, "unknown stream '" + s + "': use out or err");
        };
    }

    /** since or until: "10m" (that long ago) or an ISO-8601 instant (with Z or an offset). */
    private Instant time(String name, String s) {
        if (s == null) {
            return null;
        }
        try {
            return clock.instant().minus(Durations.parse(s));
        } catch (IllegalArgumentException notADuration) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                if (s.matches("[0-9]+[a-zA-Z0-9]*")) { // meant as a duration (a time has '-' and ':'): say what is wrong
                    throw new RpcException(ErrorCode.INVALID_PARAMS, "bad '" + name + "': " + notADuration.getMessage());
                }
                throw new RpcException(ErrorCode.INVALID_PARAMS, "bad '" + name + "' value '" + s
                        + "': give a duration like 10m or a time like 2026-01-02T03:04:05Z");
            }
        }
    }
}
