package dev.tend.daemon.export;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A value as one double-quoted word with C escapes (backslash, quote, newline, tab, CR, other control characters as
 * {@code \xNN}), the quoting both a systemd unit (systemd.syntax(7)) and a YAML double-quoted scalar read; each
 * format adds its own escapes for the characters it would otherwise expand ({@code %}, {@code $}).
 */
final class DoubleQuoted {
    private DoubleQuoted() {
    }

    /** @param special a format's own escape of a character, or null to write it as C escapes or as it is */
    static String of(String value, IntFunction<String> special) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String own = special.apply(c);
            if (own != null) {
                b.append(own);
                continue;
            }
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
