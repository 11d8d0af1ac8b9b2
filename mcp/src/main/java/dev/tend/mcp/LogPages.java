package dev.tend.mcp;

import dev.tend.protocol.json.JsonObjects;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a log the way docs/protocol.md prescribes (a tail, then page after page up to the end the first page saw)
 * and keeps what a model can take: at most {@code keep} lines (the newest), optionally only those matching a
 * pattern, and at most {@link #MAX_CHARS} characters, with a note saying what was left out.
 */
final class LogPages {
    /** About 8k tokens: enough to see what happened, small enough to leave the model room to think. */
    static final int MAX_CHARS = 32_000;
    /** With a pattern, how far back the search goes. */
    static final int SEARCH_LINES = 10_000;

    /** One logs.read / job.logs page with the given extra params (after/before added by the pager). */
    @FunctionalInterface
    interface Reader {
        Map<String, Object> page(Map<String, Object> params);
    }

    private LogPages() {
    }

    static Predicate<String> matcher(String pattern) {
        if (pattern == null) {
            return t -> true;
        }
        try {
            Pattern p = Pattern.compile(pattern);
            return t -> p.matcher(t).find();
        } catch (PatternSyntaxException e) {
            throw new ToolError("pattern is not a valid regular expression: " + e.getDescription()
                    + " (escape special characters with \\ to search for them as text)");
        }
    }

    /** The lines (LogLineView maps) of a read, oldest first; the last {@code keep} that match. */
    static List<Map<String, Object>> read(Reader reader, Map<String, Object> first, int keep,
                                          Predicate<String> filter) {
        Deque<Map<String, Object>> kept = new ArrayDeque<>();
        Map<String, Object> params = new LinkedHashMap<>(first);
        Map<String, Object> page = reader.page(params);
        Object end = page.get("end");
        while (true) {
            for (Object o : JsonObjects.array(page.get("lines"))) {
                Map<String, Object> line = JsonObjects.object(o);
                if (filter.test(String.valueOf(line.get("text")))) {
                    kept.addLast(line);
                    if (kept.size() > keep) {
                        kept.removeFirst();
                    }
                }
            }
            if (!Boolean.TRUE.equals(page.get("more"))) {
                break;
            }
            params = new LinkedHashMap<>(first);
            params.remove("tail");
            params.remove("since");
            params.put("after", page.get("next"));
            if (end != null) {
                params.put("before", end);
            }
            page = reader.page(params);
        }
        return new ArrayList<>(kept);
    }

    /**
     * Lines as text, one a line: "TIME [service] err| text" (stream shown for stderr only); the oldest ones left
     * out, with a note first, when they pass {@link #MAX_CHARS}.
     */
    static String render(List<Map<String, Object>> lines, boolean withService, String emptyNote) {
        if (lines.isEmpty()) {
            return emptyNote;
        }
        List<String> out = new ArrayList<>(lines.size());
        for (Map<String, Object> l : lines) {
            StringBuilder sb = new StringBuilder();
            sb.append(l.get("time")).append(' ');
            if (withService) {
                sb.append(l.get("service")).append(' ');
            }
            if ("err".equals(l.get("stream"))) {
                sb.append("err| ");
            } else {
                sb.append("| ");
            }
            sb.append(l.get("text"));
            out.add(sb.toString());
        }
        int all = newestFitting(out, MAX_CHARS + 1); // (each line is counted with a newline; the last has none)
        if (all == 0) {
            return String.join("\n", out);
        }
        // Lines are left out: the note that says so is inside the bound too (room for its longest numbers)
        int from = newestFitting(out, MAX_CHARS - leftOutNote(out.size(), out.size()).length());
        String newest = out.get(out.size() - 1);
        String shortNote = "[tend: " + (out.size() - 1) + " older lines left out]\n";
        if (from == out.size() && shortNote.length() + newest.length() <= MAX_CHARS) {
            return shortNote + newest; // too long for the full note, whole beside a short one: nothing of it cut
        }
        if (from == out.size()) { // the newest line alone is longer than the bound: show its end
            String last = out.get(out.size() - 1);
            String cut = cutNote(MAX_CHARS);
            int keepChars = Math.min(last.length(), MAX_CHARS - cut.length());
            return cutNote(keepChars) + last.substring(last.length() - keepChars);
        }
        return leftOutNote(from, out.size()) + String.join("\n", out.subList(from, out.size()));
    }

    /** Where the newest lines begin that fit in {@code room} characters, each counted with its newline. */
    private static int newestFitting(List<String> out, int room) {
        int total = 0;
        int from = out.size();
        while (from > 0 && total + out.get(from - 1).length() + 1 <= room) {
            from--;
            total += out.get(from).length() + 1;
        }
        return from;
    }

    private static String leftOutNote(int leftOut, int of) {
        return "[tend: " + leftOut + " older lines of " + of + " left out to stay under " + MAX_CHARS
                + " characters; ask for fewer lines, or narrow with since or pattern]\n";
    }

    private static String cutNote(int kept) {
        return "[tend: the line is cut to its last " + kept + " characters]\n";
    }
}
