package dev.tend.daemon.core.process;

import dev.tend.daemon.core.text.QuotedValues;
import dev.tend.os.NewSession;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts {@code /bin/sh -c command} (or, for a command that needs no shell, its words: {@link PlainCommand}) as the
 * leader of a new session and process group, so that signals for the group reach the whole tree and the daemon's
 * terminal (Ctrl-C, hangup) never reaches the child.
 *
 * <p>Java cannot call setsid(2) itself, so the child is started through a helper that does and then execs it:
 * the {@code setsid} binary (util-linux; since a Java-spawned child is not a group leader, setsid calls
 * setsid(2) without forking, so the pid Java sees IS the session leader), or, where there is none (macOS),
 * perl's POSIX::setsid.
 */
public final class PosixProcessLauncher implements ProcessLauncher {

    private static final String SHELL = "/bin/sh";
    private static final File DEV_NULL = new File("/dev/null");

    private final List<String> sessionPrefix;

    /** Uses the setsid binary if there is one, else perl. */
    public PosixProcessLauncher() {
        this(defaultSessionPrefix());
    }

    /** @param sessionPrefix the command that makes a new session and execs the rest of its arguments */
    PosixProcessLauncher(List<String> sessionPrefix) {
        this.sessionPrefix = List.copyOf(sessionPrefix);
    }

    static List<String> defaultSessionPrefix() {
        List<String> prefix = NewSession.prefix(NewSession::findExecutable);
        if (prefix.isEmpty()) {
            throw new IllegalStateException("cannot start services in their own session: neither 'setsid' nor 'perl' "
                    + "was found in /usr/bin, /bin or PATH");
        }
        return prefix;
    }

    @Override
    public ChildProcess launch(String command, Path cwd, Map<String, String> env) throws IOException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(env, "env");
        if (!Files.exists(cwd)) {
            throw new IOException("working directory " + cwd + " does not exist (command: " + QuotedValues.quote(command) + ")");
        }
        if (!Files.isDirectory(cwd)) {
            throw new IOException("working directory " + cwd + " is not a directory (command: " + QuotedValues.quote(command)
                    + ")");
        }
        boolean plain = PlainCommand.words(command).isPresent();
        ProcessBuilder pb = new ProcessBuilder(argv(command))
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        Map<String, String> childEnv = pb.environment();
        childEnv.clear();
        try {
            childEnv.putAll(env);
            if (plain) {
                childEnv.put("PWD", shellPwd(env.get("PWD"), cwd));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("invalid environment for command " + QuotedValues.quote(command) + ": "
                    + e.getMessage(), e);
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            // a command over the kernel's 128 KiB for one argument fails here ("Argument list too long"): the message
            // goes into every history row of the run, so the command is cut in it
            throw new IOException("cannot start " + QuotedValues.quote(command) + " in " + cwd + ": "
                    + ProcessLimit.forkFailure(e.getMessage()), e);
        }
        // Read at once, while the process surely exists; a child that is already gone (and reaped) has no
        // start time left to read, and being dead it needs none to be recognised later.
        Instant startTime = Os.startTime(process.pid()).orElseGet(Instant::now);
        return new PosixChildProcess(process, startTime);
    }

    /** What is executed for a command: the session helper, then the command's words or the shell that runs it. */
    List<String> argv(String command) {
        List<String> argv = new ArrayList<>(sessionPrefix);
        PlainCommand.words(command).ifPresentOrElse(argv::addAll, () -> argv.addAll(List.of(SHELL, "-c", command)));
        return argv;
    }

    /**
     * PWD as the shell would have exported it to the program (dash and bash alike): the one inherited if it names
     * the working directory, else the directory's physical path.
     */
    static String shellPwd(String inherited, Path cwd) {
        try {
            if (inherited != null && inherited.startsWith("/") && Files.isSameFile(Path.of(inherited), cwd)) {
                return inherited;
            }
            return cwd.toRealPath().toString();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return cwd.toAbsolutePath().toString();
        }
    }
}
