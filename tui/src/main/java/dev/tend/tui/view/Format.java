package dev.tend.tui.view;

import dev.tend.tui.model.ServiceRow;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, durations and times read in the table: short, fixed meaning, no Lanterna. */
public final class Format {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private Format() {
    }

    /** 42s, 3m12s, 2h05m, 3d04h. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
        }
        return (s / 86400) + "d" + String.format("%02d", (s % 86400) / 3600) + "h";
    }

    /** 900K, 12.3M, 1.2G (binary units, like ps and top). */
    public static String bytes(long b) {
        if (b <= 0) {
            return "-";
        }
        if (b < 1024 * 1024) {
            return Math.max(1, b / 1024) + "K";
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fM", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1fG", b / (1024.0 * 1024 * 1024));
    }

    public static String cpu(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    public static String uptime(ServiceRow r, Instant now) {
        if (!r.isUp() || r.startedAt() == null) {
            return "-";
        }
        return duration(Duration.between(r.startedAt(), now));
    }

    /** Whether the service passed its readiness check, and "!2/3" while its liveness checks fail: the READY column. */
    public static String readiness(ServiceRow r) {
        return switch (r.state()) {
            case "ready" -> r.unhealthy() != null ? "!" + r.unhealthy() : "ready";
            case "starting" -> "wait";
            case "running" -> "up";
            default -> "-";
        };
    }

    /**
     * Why a service is not running, briefly: exit code, signal, or the daemon's reason; with nothing to say, its
     * description (what the service is for is the next best thing to read there).
     */
    public static String why(ServiceRow r) {
        String why = reasonOrEnd(r);
        return why.isEmpty() && r.description() != null ? r.description() : why;
    }

    private static String reasonOrEnd(ServiceRow r) {
        if (r.isUp()) {
            return r.reason() == null ? "" : r.reason();
        }
        StringBuilder sb = new StringBuilder();
        if (r.signal() != null) {
            sb.append("killed by ").append(r.signal());
        } else if (r.exitCode() != null && !r.state().equals("stopped")) {
            sb.append("exit ").append(r.exitCode());
        }
        if (r.reason() != null && !r.reason().isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            sb.append(r.reason());
        }
        return sb.toString();
    }

    public static String clock(Instant t, ZoneId zone) {
        return t == null ? "--:--:--" : CLOCK.format(t.atZone(zone));
    }

    /** A time near now as "in 4m", further as a date, for job schedules. */
    public static String when(Instant t, Instant now, ZoneId zone) {
        if (t == null) {
            return "-";
        }
        Duration d = Duration.between(now, t);
        if (!d.isNegative() && d.toHours() < 24) {
            return "in " + duration(d);
        }
        if (d.isNegative() && d.abs().toHours() < 24) {
            return duration(d.abs()) + " ago";
        }
        return DAY_CLOCK.format(t.atZone(zone));
    }

    /** Cut to width, marking the cut; pad to width. */
    public static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        String v = s == null ? "" : s;
        if (v.length() > width) {
            if (width == 1) {
                return "~";
            }
            int cut = width - 1;
            if (Character.isHighSurrogate(v.charAt(cut - 1))) {
                cut--; // not between the halves of an emoji: a lone half shows as '?'
            }
            return v.substring(0, cut) + "~" + " ".repeat(width - 1 - cut);
        }
        return v + " ".repeat(width - v.length());
    }

    public static String fitRight(String s, int width) {
        String v = s == null ? "" : s;
        if (v.length() >= width) {
            return fit(v, width);
        }
        return " ".repeat(width - v.length()) + v;
    }

    /**
     * Control characters (and ANSI escapes) in a log line would move the cursor: shown as printable. Characters that
     * take no column on a terminal (a combining accent left after composing, a right-to-left override, a zero-width
     * space) are dropped: the screen gives every character a cell, so each would shift the rest of its line and leave
     * a stale cell at its end; an unassigned one (U+FFFF) is shown as '?'.
     */
    public static String printable(String text) {
        String s = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                sb.append("    ");
            } else if (c == 0x1b) {
                // drop an ANSI colour sequence whole: ESC [ ... letter
                int j = i + 1;
                if (j < s.length() && s.charAt(j) == '[') {
                    j++;
                    while (j < s.length() && !Character.isLetter(s.charAt(j))) {
                        j++;
                    }
                    i = j;
                }
            } else if (c < 0x20 || c >= 0x7f && c < 0xa0) {
                sb.append('?');
            } else if (c >= 0x300) {
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED) {
                    sb.append('?');
                } else if (type != Character.FORMAT && type != Character.NON_SPACING_MARK
                        && type != Character.ENCLOSING_MARK) {
                    sb.append(c);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
