package dev.tend.os;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A child in a session of its own, where Java cannot call setsid(2): the command is run through the setsid binary
 * (util-linux; a Java-spawned child is not a group leader, so it calls setsid(2) without forking and the pid Java
 * sees is the session leader), or where there is none (macOS) through perl's POSIX::setsid. One piece for the
 * daemon's launches (services, jobs) and for the client that spawns the daemon.
 */
public final class NewSession {
    /** Where helper programs are looked for, before PATH. */
    private static final List<String> SYSTEM_DIRS =
            List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin", "/opt/homebrew/bin");

    /** Perl that becomes a session leader, then execs its arguments without a shell in between. */
    static final String PERL_SETSID_SCRIPT =
            "use POSIX (); POSIX::setsid() or die \"tend: setsid failed: $!\\n\"; "
                    + "exec { $ARGV[0] } @ARGV or die \"tend: cannot exec $ARGV[0]: $!\\n\";";

    private NewSession() {
    }

    /**
     * The words to put before a command so that it runs in a new session: the setsid binary, else perl, else
     * none (empty: the caller decides what to do without).
     *
     * @param findExecutable where a helper program is, or null (tests leave one out to check the fallback)
     */
    public static List<String> prefix(Function<String, Path> findExecutable) {
        Path setsid = findExecutable.apply("setsid");
        if (setsid != null) {
            return List.of(setsid.toString());
        }
        Path perl = findExecutable.apply("perl");
        return perl != null ? perlPrefix(perl) : List.of();
    }

    /** The perl way, whatever else there is. */
    public static List<String> perlPrefix(Path perl) {
        return List.of(perl.toString(), "-e", PERL_SETSID_SCRIPT);
    }

    /** An executable by name, from the system directories, then PATH; null if there is none. */
    public static Path findExecutable(String name) {
        List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
