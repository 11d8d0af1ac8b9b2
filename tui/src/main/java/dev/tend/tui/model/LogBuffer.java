package dev.tend.tui.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The last lines of the followed log, bounded. Lines for another target than the current one are dropped,
 * so a late answer for the previously selected service never lands in the pane. Thread-safe.
 */
public final class LogBuffer {
    private final int capacity;
    private final Runnable onChange;
    private final Deque<LogEntry> lines = new ArrayDeque<>();
    private LogTarget target;
    private String note = "";

    public LogBuffer(int capacity, Runnable onChange) {
        this.capacity = capacity;
        this.onChange = Objects.requireNonNull(onChange);
    }

    /** What the pane shows now. */
    public record View(LogTarget target, List<LogEntry> lines, String note) {
    }

    public synchronized View view() {
        return new View(target, List.copyOf(lines), note);
    }

    public synchronized LogTarget target() {
        return target;
    }

    /** Starts following another target: empty until its first lines arrive. */
    public void retarget(LogTarget t) {
        synchronized (this) {
            if (Objects.equals(target, t)) {
                return;
            }
            target = t;
            lines.clear();
            note = "";
        }
        onChange.run();
    }

    /** The initial tail of the target (several services' tails are merged by time). */
    public void reset(LogTarget t, List<LogEntry> tail) {
        synchronized (this) {
            if (!Objects.equals(target, t)) {
                return;
            }
            List<LogEntry> sorted = new ArrayList<>(tail);
            sorted.sort(Comparator.comparing(LogEntry::time, Comparator.nullsFirst(Comparator.naturalOrder())));
            lines.clear();
            for (LogEntry e : sorted) {
                add(e);
            }
            note = "";
        }
        onChange.run();
    }

    /** Lines that arrived live; those of services the target does not cover are ignored. */
    public void append(List<LogEntry> fresh) {
        boolean changed = false;
        synchronized (this) {
            if (target == null) {
                return;
            }
            for (LogEntry e : fresh) {
                if (target.covers(e.project(), e.service())) {
                    add(e);
                    changed = true;
                }
            }
        }
        if (changed) {
            onChange.run();
        }
    }

    /** A short word on why the pane may be empty or stale (e.g. "no daemon"). */
    public void note(String text) {
        synchronized (this) {
            note = text == null ? "" : text;
        }
        onChange.run();
    }

    private void add(LogEntry e) {
        lines.addLast(e);
        while (lines.size() > capacity) {
            lines.removeFirst();
        }
    }
}
