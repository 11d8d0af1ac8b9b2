package dev.tend.daemon.core.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Formatted lines of one stream waiting to be written in a single write: each line starts with a
 * {@link LogFormat#TIME_WIDTH}-byte slot that {@link LogFile} fills in under its lock. Owned by one thread.
 */
final class LineBatch {

    private static final byte[] NO_STAMP = new byte[LogFormat.TIME_WIDTH];

    private final LogStream stream;
    private final byte[] prefix;
    private final boolean keepTexts;
    private byte[] buf;
    private int length;
    private int[] starts;
    private String[] texts;
    private int count;

    /**
     * @param keepTexts     whether to keep each line's text as a String, for {@link #lines(Instant)}
     * @param expectedBytes initial room; the batch grows as needed
     */
    LineBatch(LogStream stream, boolean keepTexts, int expectedBytes) {
        this.stream = stream;
        this.buf = new byte[Math.max(64, expectedBytes)];
        this.starts = new int[Math.max(4, expectedBytes / 64)];
        this.prefix = (" " + stream.word() + " ").getBytes(StandardCharsets.US_ASCII);
        this.keepTexts = keepTexts;
        this.texts = keepTexts ? new String[starts.length] : null;
    }

    /**
     * Adds one line.
     *
     * @param ascii   true only if every byte is in 1..127 (then it is copied as is: the fast path)
     * @param dropped how many bytes were cut off the end of the line (0: not cut)
     */
    void add(byte[] src, int off, int len, boolean ascii, long dropped) {
        String text = null;
        byte[] bytes = src;
        int from = off;
        int n = len;
        if (!ascii) {
            // The String constructor replaces malformed UTF-8 with U+FFFD; NUL would make the file "binary" to grep.
            text = new String(src, off, len, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
            bytes = text.getBytes(StandardCharsets.UTF_8);
            from = 0;
            n = bytes.length;
        } else if (keepTexts) {
            text = new String(src, off, len, StandardCharsets.ISO_8859_1);
        }
        String marker = dropped > 0 ? LogFormat.cutMarker(dropped) : null;
        int need = LogFormat.TEXT_OFFSET + n + (marker == null ? 0 : marker.length()) + 1;
        ensureRoom(need);
        starts[count] = length;
        System.arraycopy(NO_STAMP, 0, buf, length, NO_STAMP.length);
        length += NO_STAMP.length;
        System.arraycopy(prefix, 0, buf, length, prefix.length);
        length += prefix.length;
        System.arraycopy(bytes, from, buf, length, n);
        length += n;
        if (marker != null) {
            for (int i = 0; i < marker.length(); i++) {
                buf[length++] = (byte) marker.charAt(i);
            }
            text = text == null ? null : text + marker;
        }
        buf[length++] = '\n';
        if (keepTexts) {
            texts[count] = text;
        }
        count++;
    }

    private void ensureRoom(int need) {
        if (length + need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + need));
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            if (keepTexts) {
                texts = Arrays.copyOf(texts, count * 2);
            }
        }
    }

    /** The lines, stamped with the time they were written at; needs keepTexts. */
    List<LogLine> lines(Instant time) {
        List<LogLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new LogLine(time, stream, texts[i]));
        }
        return lines;
    }

    void clear() {
        length = 0;
        if (keepTexts) {
            Arrays.fill(texts, 0, count, null);
        }
        count = 0;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    int length() {
        return length;
    }

    byte[] bytes() {
        return buf;
    }

    /** Offset of line i's first byte (its time slot). */
    int start(int i) {
        return starts[i];
    }

    LogStream stream() {
        return stream;
    }
}
