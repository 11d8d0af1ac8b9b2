package dev.tend.cli;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Several services' logs as one, in time order: each service's lines come page by page, already in order, and
 * the line printed next is always the earliest first line among the services (the service listed first on a
 * tie), so memory holds one page per service. With a tail of N lines, each service gives its own last N and only
 * the merged last N are printed, since each of those is among its own service's last N. Pure apart from the
 * page source it is given.
 */
final class LogMerge {

    /** The next page of a service's log after the last one it gave, or null when there is no more. */
    interface Pages {
        List<Map<String, Object>> next(int source) throws Exception;
    }

    interface Sink {
        void line(Map<String, Object> line) throws Exception;
    }

    private LogMerge() {
    }

    /**
     * @param first each source's first page (the tail of its log)
     * @param tail  the number of lines to print, the last ones of the merge (0: all, streamed as they come)
     */
    static void merge(List<List<Map<String, Object>>> first, Pages pages, int tail, Sink sink) throws Exception {
        int n = first.size();
        List<Deque<Map<String, Object>>> buffers = new ArrayList<>();
        List<Instant> heads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            buffers.add(new ArrayDeque<>(first.get(i)));
            heads.add(null);
        }
        boolean[] done = new boolean[n];
        Deque<Map<String, Object>> last = new ArrayDeque<>();
        while (true) {
            int pick = -1;
            for (int i = 0; i < n; i++) {
                Deque<Map<String, Object>> buffer = buffers.get(i);
                while (buffer.isEmpty() && !done[i]) {
                    List<Map<String, Object>> page = pages.next(i);
                    if (page == null) {
                        done[i] = true;
                    } else {
                        buffer.addAll(page);
                    }
                }
                if (buffer.isEmpty()) {
                    continue;
                }
                if (heads.get(i) == null) {
                    heads.set(i, time(buffer.peekFirst()));
                }
                if (pick < 0 || heads.get(i).isBefore(heads.get(pick))) {
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            Map<String, Object> line = buffers.get(pick).pollFirst();
            heads.set(pick, null);
            if (tail <= 0) {
                sink.line(line);
            } else {
                last.addLast(line);
                if (last.size() > tail) {
                    last.pollFirst();
                }
            }
        }
        for (Map<String, Object> line : last) {
            sink.line(line);
        }
    }

    /** A line without a time (not one tend wrote) sorts first: it cannot be placed, and hiding it would be worse. */
    private static Instant time(Map<String, Object> line) {
        Object t = line.get("time");
        return t == null ? Instant.MIN : Instant.parse(t.toString());
    }
}
