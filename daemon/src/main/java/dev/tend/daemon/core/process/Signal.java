package dev.tend.daemon.core.process;

import java.util.Locale;

/**
 * The POSIX signals a user may name in a project file or `tend signal`. Numbers are Linux's; signals
 * are always delivered by name (`kill -s NAME`), so the numbers only decode exit statuses.
 */
public enum Signal {
    HUP(1), INT(2), QUIT(3), ABRT(6), KILL(9), USR1(10), USR2(12), PIPE(13), ALRM(14), TERM(15),
    CONT(18), STOP(19), TSTP(20), WINCH(28);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** "SIGTERM", "TERM", "term" and "15" all name TERM. */
    public static Signal parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no signal given");
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("SIG")) {
            t = t.substring(3);
        }
        for (Signal s : values()) {
            if (s.name().equals(t) || Integer.toString(s.number).equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown signal '" + text + "' (expected one of SIGTERM, SIGINT, SIGHUP, "
                + "SIGQUIT, SIGKILL, SIGUSR1, SIGUSR2, ...)");
    }

    public static Signal ofNumber(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }

    /** "SIGTERM". */
    public String fullName() {
        return "SIG" + name();
    }
}
