package dev.tend.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The checks of `tend doctor`, each a function of what it looks at; and their report. */
final class DoctorChecks {
    private DoctorChecks() {
    }

    enum Status {
        OK, WARN, FAIL;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param fix what to do about it, or null when nothing is to be done */
    record Check(String name, Status status, String detail, String fix) {
        static Check ok(String name, String detail) {
            return new Check(name, Status.OK, detail, null);
        }

        static Check warn(String name, String detail, String fix) {
            return new Check(name, Status.WARN, detail, fix);
        }

        static Check fail(String name, String detail, String fix) {
            return new Check(name, Status.FAIL, detail, fix);
        }
    }

    /**
     * Which Java runs tend: a release's own (runtime/ beside the launcher's bin/: bin/tend runs no other), or the
     * JDK the launcher found through JAVA_HOME or the PATH.
     *
     * @param launcher bin/tend's path (tend.launcher), or null
     */
    static Check java(Runtime.Version version, String home, String launcher) {
        if (bundled(home, launcher)) {
            return Check.ok("java", "Java " + version + ", the runtime bundled with tend (" + home + ")");
        }
        String detail = "Java " + version + " (" + home + "), found through JAVA_HOME or the PATH";
        if (version.feature() < 17) {
            return Check.fail("java", detail, "install a JDK 17 or newer and point JAVA_HOME at it");
        }
        return Check.ok("java", detail);
    }

    static boolean bundled(String home, String launcher) {
        if (home == null || launcher == null) {
            return false;
        }
        Path bin = Path.of(launcher).toAbsolutePath().getParent();
        if (bin == null || bin.getParent() == null) {
            return false;
        }
        try {
            return Files.isSameFile(bin.getParent().resolve("runtime"), Path.of(home));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param private_ the runtime dir holds the socket: it must be 0700 and ours, the only guard when the
     *                 native transport (and so the peer uid check) is missing
     */
    static Check directory(String name, Path dir, boolean private_) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null && !Files.isWritable(parent)) {
                return Check.fail(name, dir + " does not exist and " + parent + " is not writable",
                        "create " + dir + " (mode 0700) or set TEND_HOME to a writable directory");
            }
            return Check.ok(name, dir + " (created when the daemon starts)");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Check.fail(name, dir + " is not a directory", "remove it; tend creates the directory");
        }
        try {
            PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String owner = a.owner().getName();
            String me = System.getProperty("user.name");
            if (!Objects.equals(owner, me)) {
                return Check.fail(name, dir + " belongs to " + owner + ", not " + me,
                        "remove it or `chown " + me + " " + dir + "`");
            }
            Set<PosixFilePermission> perms = a.permissions();
            if (private_ && !perms.equals(PosixFilePermissions.fromString("rwx------"))) {
                return Check.fail(name, dir + " has mode " + PosixFilePermissions.toString(perms)
                        + "; other users could reach the socket", "chmod 700 " + dir);
            }
        } catch (UnsupportedOperationException | IOException e) {
            return Check.warn(name, dir + ": cannot read its owner and mode (" + e.getMessage() + ")", null);
        }
        if (!Files.isWritable(dir)) {
            return Check.fail(name, dir + " is not writable", "chmod u+w " + dir);
        }
        return Check.ok(name, dir.toString());
    }

    /** Below this the state dir's file system fails writes soon: logs lose lines, state changes fail. */
    static final long LOW_ROOM = 100L << 20;
    /** Below this the daemon does not even start (and a running one's writes fail now). */
    static final long NO_ROOM = 1L << 20;

    /**
     * The room left where the daemon writes its logs and state: a full disk does not stop the services, so nothing
     * else shows it until lines are missing from their logs.
     *
     * @param usable bytes free for this user on the file system of dir, or -1 if it cannot be read
     */
    static Check room(Path dir, long usable) {
        if (usable < 0) {
            return Check.warn("disk space", "cannot read the free space of " + dir, null);
        }
        String free = PsTable.bytes(usable) + " free on the file system of " + dir;
        if (usable < NO_ROOM) {
            return Check.fail("disk space", free + ": logs lose lines and state changes fail",
                    "free some space (see `du -sh " + dir + "/logs` for tend's own share)");
        }
        if (usable < LOW_ROOM) {
            return Check.warn("disk space", free + ": once it is full, logs lose lines and state changes fail",
                    "free some space");
        }
        return Check.ok("disk space", free);
    }

    static Check launcher(String launcher) {
        if (launcher == null) {
            return Check.warn("launcher", "not run through bin/tend: a daemon can only be started if `tend` is on "
                    + "the PATH", "run tend through its bin/tend launcher");
        }
        if (!Files.isExecutable(Path.of(launcher))) {
            return Check.fail("launcher", launcher + " is not executable", "chmod +x " + launcher);
        }
        return Check.ok("launcher", launcher);
    }

    static Check daemon(Map<String, Object> status, String clientVersion) {
        String version = String.valueOf(status.get("version"));
        String detail = "version " + version + ", pid " + status.get("pid") + ", socket " + status.get("socket");
        if (!version.equals(clientVersion)) {
            return Check.fail("daemon", detail + "; this tend is " + clientVersion,
                    "`tend daemon stop`, then run the newer tend");
        }
        return Check.ok("daemon", detail);
    }

    static Check transport(String transport) {
        if (transport.equals("epoll") || transport.equals("kqueue")) {
            return Check.ok("transport", transport + " (native; peers are checked by uid)");
        }
        return Check.warn("transport", transport + ": the native transport did not load, so peers are not "
                        + "checked by uid (the 0700 runtime directory is the only guard)",
                "see `tend daemon logs` for why Netty's native library failed to load (e.g. a noexec /tmp)");
    }

    /**
     * The login service (`tend daemon enable`): never a failure, tend works without it.
     *
     * @param startedBy daemon.status startedBy, or null when no daemon answered
     */
    static Check loginService(LoginService.Status login, String startedBy) {
        String by = startedBy == null ? "" : "; the running daemon was started by " + DaemonStatusFormat.startedBy(startedBy);
        if (!login.installed()) {
            return Check.ok("login", "no login service: the daemon starts with the first command" + by);
        }
        if (!login.enabled()) {
            return Check.warn("login", "the login service is installed (" + login.place().file() + ") but not enabled" + by,
                    LoginService.activateCommand(login.place()));
        }
        if (startedBy != null && startedBy.equals("client")) {
            return Check.warn("login", "the login service is enabled but the running daemon did not come from it"
                    + by, "`" + (login.place().kind() == LoginService.Kind.SYSTEMD
                    ? "systemctl --user restart tend" : "launchctl kickstart -k gui/$(id -u)/" + LoginService.AGENT_LABEL)
                    + "` hands it to the login service");
        }
        return Check.ok("login", "the login service is enabled (" + login.place().file() + ")" + by);
    }

    static String format(List<Check> checks, boolean color) {
        StringBuilder b = new StringBuilder();
        for (Check c : checks) {
            String word = switch (c.status()) {
                case OK -> "ok  ";
                case WARN -> "warn";
                case FAIL -> "FAIL";
            };
            if (color) {
                word = Colors.paint(word, switch (c.status()) {
                    case OK -> Colors.GREEN;
                    case WARN -> Colors.YELLOW;
                    case FAIL -> Colors.RED;
                });
            }
            b.append(word).append("  ").append(String.format(Locale.ROOT, "%-11s", c.name())).append(' ')
                    .append(c.detail()).append('\n');
            if (c.fix() != null) {
                b.append("      fix: ").append(c.fix()).append('\n');
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Status.FAIL).count();
        b.append(failed == 0 ? "tend is ready\n" : failed + " problem" + (failed == 1 ? "" : "s") + " to fix\n");
        return b.toString();
    }
}
