package dev.tend.daemon.lifecycle;

import java.util.Map;

/**
 * Who started this daemon, as daemon.status reports it: the login service (its unit or agent sets
 * {@value #VARIABLE}, docs/daemon.md) or anyone else (a client's auto-start, `tend daemon run` by hand).
 */
public final class StartedBy {
    public static final String VARIABLE = "TEND_STARTED_BY";
    public static final String SYSTEMD = "systemd";
    public static final String LAUNCHD = "launchd";
    public static final String CLIENT = "client";

    private StartedBy() {
    }

    /** "systemd" or "launchd" when the login service set it, else "client". */
    public static String of(Map<String, String> env) {
        String v = env.get(VARIABLE);
        return SYSTEMD.equals(v) || LAUNCHD.equals(v) ? v : CLIENT;
    }
}
