package dev.tend.daemon.core.logs;

import java.util.Locale;

/** Which of a child's output streams a line came from; {@link #word()} is how it is written on disk and on the wire. */
public enum LogStream {
    OUT("out"), ERR("err");

    private final String word;

    LogStream(String word) {
        this.word = word;
    }

    /** "out" or "err". */
    public String word() {
        return word;
    }

    /** Accepts "out", "err", "stdout" and "stderr", in any case. */
    public static LogStream parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "out", "stdout":
                    return OUT;
                case "err", "stderr":
                    return ERR;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unknown log stream '" + text + "' (expected out or err)");
    }
}
