package dev.tend.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user service that starts the daemon at login (`tend daemon enable`, docs/daemon.md): a systemd user unit
 * on Linux, a launchd agent on macOS. Where its file lives and what it says; pure, so both are tested as text.
 */
final class LoginService {
    static final String UNIT_NAME = "tend.service";
    static final String AGENT_LABEL = "dev.tend.daemon";
    /** What the unit sets so that the daemon can tell who started it (daemon.status startedBy). */
    static final String STARTED_BY = "TEND_STARTED_BY";
    /** Variables of the enabling shell the daemon needs too: where its state is, which instance. */
    private static final String[] PASSED_ON = {"TEND_HOME", "TEND_INSTANCE", "TEND_LOG"};

    private LoginService() {
    }

    enum Kind {
        SYSTEMD, LAUNCHD;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String osName) {
            return osName.toLowerCase(Locale.ROOT).startsWith("mac") ? LAUNCHD : SYSTEMD;
        }
    }

    /**
     * Where the service is installed.
     *
     * @param enabledLink the link `systemctl --user enable` makes (it exists once enabled); for launchd the file
     *                    itself (an agent in LaunchAgents is loaded at every login)
     */
    record Place(Kind kind, Path file, Path enabledLink) {
    }

    /** The login service of this user as found on disk: installed (its file exists) and enabled (its link too). */
    record Status(Place place, boolean installed, boolean enabled) {

        static Status read(Place place) {
            return new Status(place, Files.exists(place.file()), Files.exists(place.enabledLink(), LinkOption.NOFOLLOW_LINKS));
        }

        /** The login service here, for people. */
        String describe() {
            if (!installed) {
                return "not installed (`tend daemon enable` installs it)";
            }
            if (!enabled) {
                return "installed at " + place.file() + ", not enabled (`" + activateCommand(place) + "`)";
            }
            return "enabled (" + place.file() + ")";
        }
    }

    /** The current user's login service for this OS and environment ($HOME first, as systemd and launchd use it). */
    static Place here() {
        String home = System.getenv("HOME");
        Path dir = home != null && !home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home)
                : Path.of(System.getProperty("user.home"));
        return place(Kind.of(System.getProperty("os.name")), System.getenv(), dir);
    }

    static Place place(Kind kind, Map<String, String> env, Path home) {
        if (kind == Kind.LAUNCHD) {
            Path file = home.resolve("Library/LaunchAgents").resolve(AGENT_LABEL + ".plist");
            return new Place(kind, file, file);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        Path user = config.resolve("systemd/user");
        return new Place(kind, user.resolve(UNIT_NAME), user.resolve("default.target.wants").resolve(UNIT_NAME));
    }

    /**
     * The daemon's environment under the service manager, which starts it with almost none: who started it, the
     * JDK the launcher should use, the PATH services find their commands on, and tend's own variables if set.
     * TEND_CDS=off: without it, a first run on a new JDK or jar waits for its JVM to write the class archive, so
     * the service manager's main process would be the launcher's shell, and its SIGTERM would miss the daemon.
     */
    static Map<String, String> environment(Kind kind, Map<String, String> env, String javaHome) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put(STARTED_BY, kind.word());
        e.put("JAVA_HOME", javaHome);
        e.put("TEND_CDS", "off");
        String path = env.get("PATH");
        e.put("PATH", path != null && !path.isBlank() ? path : "/usr/local/bin:/usr/bin:/bin");
        for (String name : PASSED_ON) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                e.put(name, v);
            }
        }
        return e;
    }

    /**
     * The systemd user unit. The daemon runs in the foreground; a crash brings it back (Restart=on-failure), a
     * stop it was asked for does not. ExecStartPre stops a daemon a client started outside the unit, so the unit's
     * own always takes over (a client never starts a second one: the pid lock sees to that). KillMode=mixed: the
     * daemon alone gets SIGTERM and stops its services with their own stop signals and timeouts.
     */
    static String systemdUnit(String launcher, Map<String, String> environment, String version) {
        StringBuilder b = new StringBuilder();
        b.append("# Written by `tend daemon enable` (tend ").append(version).append("); `tend daemon disable` removes it.\n");
        b.append("[Unit]\n");
        b.append("Description=tend, the process supervisor (its daemon)\n");
        b.append("Documentation=man:tend(1)\n\n");
        b.append("[Service]\n");
        b.append("Type=simple\n");
        for (Map.Entry<String, String> v : environment.entrySet()) {
            b.append("Environment=").append(quote(v.getKey() + "=" + v.getValue(), false)).append('\n');
        }
        b.append("ExecStartPre=-").append(quote(launcher, true)).append(" daemon stop\n");
        b.append("ExecStart=").append(quote(launcher, true)).append(" daemon run\n");
        b.append("Restart=on-failure\n");
        b.append("RestartSec=2\n");
        b.append("KillMode=mixed\n");
        b.append("TimeoutStopSec=120\n\n");
        b.append("[Install]\n");
        b.append("WantedBy=default.target\n");
        return b.toString();
    }

    /** The launchd agent: loaded at login (RunAtLoad), started again unless it exited cleanly (KeepAlive). */
    static String launchdPlist(String launcher, Map<String, String> environment, String version) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        b.append("<!-- Written by `tend daemon enable` (tend ").append(xml(version))
                .append("); `tend daemon disable` removes it. -->\n");
        b.append("<plist version=\"1.0\">\n<dict>\n");
        b.append("  <key>Label</key>\n  <string>").append(AGENT_LABEL).append("</string>\n");
        b.append("  <key>ProgramArguments</key>\n  <array>\n");
        for (String arg : new String[]{launcher, "daemon", "run"}) {
            b.append("    <string>").append(xml(arg)).append("</string>\n");
        }
        b.append("  </array>\n");
        b.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
        for (Map.Entry<String, String> v : environment.entrySet()) {
            b.append("    <key>").append(xml(v.getKey())).append("</key>\n    <string>").append(xml(v.getValue()))
                    .append("</string>\n");
        }
        b.append("  </dict>\n");
        b.append("  <key>RunAtLoad</key>\n  <true/>\n");
        b.append("  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n");
        b.append("  <key>ProcessType</key>\n  <string>Background</string>\n");
        b.append("</dict>\n</plist>\n");
        return b.toString();
    }

    /** The one command that starts the service now and at every login. */
    static String activateCommand(Place place) {
        return place.kind() == Kind.SYSTEMD ? "systemctl --user enable --now tend"
                : "launchctl load -w " + place.file();
    }

    /** What starts it at boot, before anyone logs in; null where there is no such thing. */
    static String bootCommand(Kind kind, String user) {
        return kind == Kind.SYSTEMD ? "loginctl enable-linger " + user : null;
    }

    /** The command that stops the service and forgets it, run before its file is removed. */
    static String deactivateCommand(Place place) {
        return place.kind() == Kind.SYSTEMD ? "systemctl --user disable --now tend"
                : "launchctl unload -w " + place.file();
    }

    /**
     * One word for a unit's value in double quotes: \ and " escaped, % doubled (a specifier otherwise), and in a
     * command line $ doubled too (systemd would expand it as a variable).
     */
    static String quote(String value, boolean commandLine) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '%' -> b.append("%%");
                case '$' -> b.append(commandLine ? "$$" : "$");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
