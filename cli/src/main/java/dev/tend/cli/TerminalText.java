package dev.tend.cli;

/**
 * A service's text made harmless for a terminal, as journalctl does: its colours (SGR, {@code ESC [ ... m}) pass,
 * any other escape sequence or control character is shown, not obeyed ({@code ^[]0;title^G}), so a log line can
 * neither retitle the window, clear the screen, switch to the alternate screen nor move the cursor; invisible
 * format characters (a right-to-left override) are shown by their code. Used only when stdout is a terminal: a pipe
 * gets the bytes as the service wrote them. Pure.
 */
final class TerminalText {
    private static final char ESC = 0x1b;

    private TerminalText() {
    }

    static String safe(String text) {
        if (!needsWork(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESC) {
                int end = sgrEnd(text, i);
                if (end > 0) {
                    out.append(text, i, end);
                    i = end - 1;
                } else {
                    out.append("^[");
                }
            } else if (!shownOtherwise(c)) {
                out.append(c);
            } else if (c < 0x20) {
                out.append('^').append((char) (c + 0x40));
            } else if (c == 0x7f) {
                out.append("^?");
            } else {
                out.append(String.format("<U+%04X>", (int) c)); // C1 controls, format characters
            }
        }
        return out.toString();
    }

    private static boolean needsWork(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (shownOtherwise(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A character not passed as it is: a control character (ESC too, whose colours pass), or a format one. */
    private static boolean shownOtherwise(char c) {
        return c < 0xa0 ? c < 0x20 && c != '\t' || c >= 0x7f : Character.getType(c) == Character.FORMAT;
    }

    /** The end (exclusive) of a colour sequence ESC [ digits and ';' m starting at i, or -1 if it is none. */
    private static int sgrEnd(String text, int i) {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '[') {
            return -1;
        }
        for (int j = i + 2; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == 'm') {
                return j + 1;
            }
            if (!(c >= '0' && c <= '9' || c == ';')) {
                return -1;
            }
        }
        return -1;
    }
}
