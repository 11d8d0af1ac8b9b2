package dev.tend.daemon.core.logs;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The on-disk format of a service log: UTF-8 text, one log line per file line.
 *
 * <pre>
 * 2026-11-24T08:42:49.123Z out listening on :8080
 * 2026-11-24T08:42:49.124Z err warning: cache cold
 * </pre>
 *
 * <ul>
 *   <li>columns 0-23: the capture time, ISO-8601 UTC with exactly three fraction digits (always 24 characters);</li>
 *   <li>column 24: a space; columns 25-27: {@code out} or {@code err}; column 28: a space;</li>
 *   <li>from column 29 to the {@code '\n'}: the text, exactly as the child wrote it, minus the line's
 *       {@code '\n'} and one trailing {@code '\r'}. Bytes that are not valid UTF-8 are replaced by U+FFFD,
 *       and so is NUL (so grep and less treat the file as text);</li>
 *   <li>a line longer than {@link LogPolicy#maxLineBytes()} input bytes keeps its first bytes (cut at a character
 *       boundary) followed by {@code " [tend: line cut, N bytes dropped]"}.</li>
 * </ul>
 * Times in one file never go backwards unless the system clock does (they are taken under the file's lock).
 * A file line that does not match this shape is read back as an {@code out} line stamped with the file's mtime.
 */
public final class LogFormat {

    /** Width of the timestamp column. */
    public static final int TIME_WIDTH = 24;
    /** Offset of the text: timestamp, space, stream word, space. */
    public static final int TEXT_OFFSET = TIME_WIDTH + 5;

    private LogFormat() {
    }

    /** The suffix that marks a cut line. */
    public static String cutMarker(long droppedBytes) {
        return " [tend: line cut, " + droppedBytes + " bytes dropped]";
    }

    /** One file line, without its '\n'. The text is written as given (callers that need the rules use LogFile). */
    public static String format(LogLine line) {
        byte[] time = new byte[TIME_WIDTH];
        writeTime(line.time(), time, 0);
        return new String(time, StandardCharsets.US_ASCII) + ' ' + line.stream().word() + ' ' + line.text();
    }

    /** Parses one file line (without its '\n'); null if it does not have the shape of a log line. */
    public static LogLine parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    static LogLine parse(byte[] b, int off, int len) {
        LogStream stream = streamOf(b, off, len);
        if (stream == null) {
            return null;
        }
        Instant time = parseTime(b, off);
        if (time == null) {
            return null;
        }
        String text = new String(b, off + TEXT_OFFSET, len - TEXT_OFFSET, StandardCharsets.UTF_8);
        return new LogLine(time, stream, text);
    }

    /** The stream of a file line, or null if the line does not have the shape of a log line (time not checked). */
    static LogStream streamOf(byte[] b, int off, int len) {
        if (len < TEXT_OFFSET || b[off + TIME_WIDTH] != ' ' || b[off + TEXT_OFFSET - 1] != ' ') {
            return null;
        }
        return streamAt(b, off + TIME_WIDTH + 1);
    }

    private static LogStream streamAt(byte[] b, int i) {
        if (b[i] == 'o' && b[i + 1] == 'u' && b[i + 2] == 't') {
            return LogStream.OUT;
        }
        if (b[i] == 'e' && b[i + 1] == 'r' && b[i + 2] == 'r') {
            return LogStream.ERR;
        }
        return null;
    }

    /** Writes the 24 ASCII bytes of the time, truncated to milliseconds, at dest[off]. Years 0-9999. */
    static void writeTime(Instant time, byte[] dest, int off) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("log time out of range 0000-9999: " + time);
        }
        digits(dest, off, year, 4);
        dest[off + 4] = '-';
        digits(dest, off + 5, t.getMonthValue(), 2);
        dest[off + 7] = '-';
        digits(dest, off + 8, t.getDayOfMonth(), 2);
        dest[off + 10] = 'T';
        digits(dest, off + 11, t.getHour(), 2);
        dest[off + 13] = ':';
        digits(dest, off + 14, t.getMinute(), 2);
        dest[off + 16] = ':';
        digits(dest, off + 17, t.getSecond(), 2);
        dest[off + 19] = '.';
        digits(dest, off + 20, time.getNano() / 1_000_000, 3);
        dest[off + 23] = 'Z';
    }

    private static void digits(byte[] dest, int off, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            dest[off + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The time in the 24 bytes at b[off], or null if they are not one. */
    static Instant parseTime(byte[] b, int off) {
        if (b[off + 4] != '-' || b[off + 7] != '-' || b[off + 10] != 'T' || b[off + 13] != ':'
                || b[off + 16] != ':' || b[off + 19] != '.' || b[off + 23] != 'Z') {
            return null;
        }
        int year = number(b, off, 4);
        int month = number(b, off + 5, 2);
        int day = number(b, off + 8, 2);
        int hour = number(b, off + 11, 2);
        int minute = number(b, off + 14, 2);
        int second = number(b, off + 17, 2);
        int millis = number(b, off + 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in b[off, off+width), or -1 if a byte is not a digit. */
    private static int number(byte[] b, int off, int width) {
        int value = 0;
        for (int i = off; i < off + width; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
