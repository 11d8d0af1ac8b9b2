package dev.tend.client;

import dev.tend.os.NewSession;
import dev.tend.protocol.Methods;
import dev.tend.protocol.TendPaths;
import dev.tend.protocol.Version;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Finds the daemon of an instance, starting it when nobody is listening (docs/daemon.md): the spawn lock
 * makes exactly one of many simultaneous clients start it; the others wait for it to answer. After
 * connecting it says hello and replaces a daemon older than this client.
 */
public final class DaemonConnector {
    private static final Duration POLL = Duration.ofMillis(15);
    /** A daemon's JVM exits a few ms after it lets go of its pid lock; this bounds one that hangs there. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /** How long a client waits for a daemon that holds the pid lock to listen on its socket. */
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(10);
    /** Below this much free space a daemon cannot even write why it failed to start. */
    private static final long LOW_SPACE_BYTES = 64 * 1024;
    /** Tells the launcher (bin/tend) to exit once the daemon it started holds this pid file's lock. */
    static final String DETACH_PIDFILE = "TEND_DETACH_PIDFILE";

    private final TendPaths paths;
    private final String clientName;
    private final List<String> daemonCommand;
    private final Duration startTimeout;
    private final Function<String, Path> findExecutable;
    /** How long a call waits for its answer before the daemon is probed (null: for ever). */
    private Duration answerTimeout;
    private java.util.function.Consumer<String> progress = line -> { };

    /**
     * @param daemonCommand the command that runs the daemon in the foreground (e.g. [bin/tend, --instance, x,
     *                      daemon, run, --detached]); it is started in a session of its own
     */
    public DaemonConnector(TendPaths paths, String clientName, List<String> daemonCommand, Duration startTimeout) {
        this(paths, clientName, daemonCommand, startTimeout, NewSession::findExecutable);
    }

    /**
     * A connector that starts the daemon as every peer does: through the launcher that started this program
     * (bin/tend passes itself as the system property {@code tend.launcher}), else a {@code tend} on the PATH (a
     * program run outside bin/tend, e.g. from an IDE).
     */
    public static DaemonConnector throughLauncher(TendPaths paths, String clientName, Duration startTimeout) {
        String launcher = System.getProperty("tend.launcher");
        List<String> cmd = List.of(launcher != null ? launcher : "tend", "--instance", paths.instance(), "daemon",
                "run", "--detached");
        return new DaemonConnector(paths, clientName, cmd, startTimeout);
    }

    /**
     * @param findExecutable where a helper program ("setsid", "perl") is, or null if there is none (tests leave
     *                       out setsid to check the fallback)
     */
    public DaemonConnector(TendPaths paths, String clientName, List<String> daemonCommand, Duration startTimeout,
                           Function<String, Path> findExecutable) {
        this.paths = paths;
        this.clientName = clientName;
        this.daemonCommand = List.copyOf(daemonCommand);
        this.startTimeout = startTimeout;
        this.findExecutable = findExecutable;
    }

    /**
     * Bounds each answer's wait: past it a second connection probes the daemon, and a daemon that answers neither
     * fails the call with "the tend daemon (pid N) does not answer" (docs/daemon.md). Followers still wait for
     * events for ever.
     */
    /**
     * Where a connect says what takes it long that the user did not ask for (replacing an older daemon, which stops
     * its services first); by default nowhere.
     */
    public DaemonConnector withProgress(java.util.function.Consumer<String> lines) {
        this.progress = java.util.Objects.requireNonNull(lines, "lines");
        return this;
    }

    public DaemonConnector withAnswerTimeout(Duration timeout) {
        this.answerTimeout = timeout;
        return this;
    }

    /** A connection with its hello result. */
    public record Connection(RpcClient client, Map<String, Object> hello) {
    }

    /** Connects to the running daemon, starting (or replacing) it as needed. */
    public Connection connect() throws DaemonUnavailableException {
        try {
            paths.ensureDirectories();
        } catch (IOException e) {
            throw new DaemonUnavailableException(e.getMessage(), e);
        }
        Connection c = tryConnect(false);
        if (c != null && isOlder(c)) {
            replace(c);
            c = null;
        }
        if (c == null) {
            c = spawnAndConnect();
        }
        reloadIfSettingsChanged(c);
        return c;
    }

    /** The daemon reports the settings file's mtime as it last read it; a changed file is reloaded (docs/daemon.md). */
    private void reloadIfSettingsChanged(Connection c) {
        long onDisk;
        try {
            onDisk = Files.exists(paths.configFile()) ? Files.getLastModifiedTime(paths.configFile()).toMillis() : 0;
        } catch (IOException e) {
            return;
        }
        if (c.hello().get("settingsModified") instanceof Number known && known.longValue() != onDisk) {
            try {
                c.client().call(Methods.DAEMON_RELOAD, null);
            } catch (IOException | RpcError e) {
                // the daemon logs why; the command itself goes on
            }
        }
    }

    /**
     * Waits while another client is starting a daemon: it holds the spawn lock until its daemon answers or has
     * failed. A stop that did not wait would find nobody listening yet, say so, and leave the new daemon running.
     * Starts nothing and creates nothing (no state directory: no start can be under way).
     */
    public void awaitStartUnderWay() throws InterruptedException {
        try (FileChannel lockChannel = FileChannel.open(paths.spawnLock(), StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            // held once: no start is under way now
        } catch (NoSuchFileException e) {
            // no client ever started a daemon here
        } catch (FileLockInterruptionException e) {
            throw new InterruptedException("interrupted while a daemon was starting");
        } catch (IOException e) {
            // cannot tell: the socket and the pid lock still decide
        }
    }

    /** Connects only if a daemon is running; never starts one. */
    public Connection connectIfRunning() throws DaemonUnavailableException {
        try {
            paths.checkExistingDirectories();
        } catch (IOException e) {
            throw new DaemonUnavailableException(e.getMessage(), e);
        }
        return tryConnect(true);
    }

    /** @param anyVersion accept a daemon newer than this client (to stop it, say) */
    private Connection tryConnect(boolean anyVersion) throws DaemonUnavailableException {
        RpcClient client;
        try {
            client = RpcClient.connect(paths.socket());
        } catch (NoSuchFileException | SocketException notListening) {
            return null;
        } catch (IOException e) {
            if (isNotListening(e)) {
                return null;
            }
            throw new DaemonUnavailableException("cannot connect to the tend daemon at " + paths.socket() + ": " + e.getMessage(), e);
        }
        if (answerTimeout != null) {
            client.answerTimeout(answerTimeout, this::whyNotAnswering);
        }
        try {
            Object hello = client.call(Methods.DAEMON_HELLO,
                    Map.of("client", clientName, "version", Version.current(), "protocol", Methods.PROTOCOL_VERSION));
            @SuppressWarnings("unchecked")
            Map<String, Object> h = (Map<String, Object>) hello;
            String daemonVersion = String.valueOf(h.get("version"));
            if (!anyVersion && Version.compare(daemonVersion, Version.current()) > 0) {
                closeQuietly(client);
                throw new DaemonUnavailableException("the running tend daemon is version " + daemonVersion
                        + ", newer than this tend (" + Version.current() + "): use the newer tend, or stop the daemon "
                        + "with `tend daemon stop` first");
            }
            return new Connection(client, h);
        } catch (DaemonNotAnsweringException e) {
            closeQuietly(client);
            throw new DaemonUnavailableException(e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(client);
            return null; // it went away between connect and hello (e.g. shutting down)
        } catch (RpcError e) {
            closeQuietly(client);
            throw new DaemonUnavailableException("the tend daemon refused the handshake: " + e.getMessage(), e);
        }
    }

    private static boolean isOlder(Connection c) {
        return Version.compare(String.valueOf(c.hello().get("version")), Version.current()) < 0;
    }

    private static boolean isNotListening(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Connection refused") || m.contains("No such file");
    }

    /** Asks an older daemon to shut down gracefully (it keeps the desired state) and waits until it is gone. */
    private void replace(Connection old) throws DaemonUnavailableException {
        progress.accept("replacing the tend daemon " + old.hello().get("version") + " (pid " + old.hello().get("pid")
                + ") with version " + Version.current() + ": it stops its services first (each within its "
                + "stop_timeout), then the new one starts those that should run");
        try {
            old.client().call(Methods.DAEMON_SHUTDOWN, Map.of("reason", "replaced by version " + Version.current()));
        } catch (IOException | RpcError ignored) {
            // it may close the connection before answering
        } finally {
            closeQuietly(old.client());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos(); // stopping services may take their stop_timeout
        while (System.nanoTime() < deadline) {
            if (!Files.exists(paths.pidFile()) || pidLockFree()) {
                return;
            }
            sleep();
        }
        throw new DaemonUnavailableException("the old tend daemon (version " + old.hello().get("version")
                + ") did not stop; see `tend daemon logs`, or kill pid " + old.hello().get("pid"));
    }

    private boolean pidLockFree() {
        try (FileChannel ch = FileChannel.open(paths.pidFile(), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock != null) {
                lock.release();
                return true;
            }
            return false;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    private Connection spawnAndConnect() throws DaemonUnavailableException {
        try (FileChannel lockChannel = FileChannel.open(paths.spawnLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            Connection c = tryConnect(false); // someone else may have started it while we waited for the lock
            if (c != null) {
                return c;
            }
            OptionalLong holder = lockHolder();
            if (holder.isPresent()) {
                c = awaitSocket(holder.getAsLong());
                if (c != null) {
                    return c;
                }
            }
            long spawnedAtMillis = System.currentTimeMillis();
            Process launcher = start();
            boolean handedOff = false;
            long daemonPid = -1;
            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                c = tryConnect(false);
                if (c != null) {
                    return c;
                }
                if (!handedOff && !launcher.isAlive()) {
                    c = tryConnect(false); // it may have lost a race to a daemon started by hand
                    if (c != null) {
                        return c;
                    }
                    OptionalLong winner = lockHolder(); // it lost the pid lock to one started meanwhile (the login service)
                    c = winner.isPresent() ? awaitSocket(winner.getAsLong()) : null;
                    if (c != null) {
                        return c;
                    }
                    if (launcher.exitValue() != 0) {
                        throw new DaemonUnavailableException(startFailure(spawnedAtMillis, " (exit code "
                                + launcher.exitValue() + ")"));
                    }
                    // 0: the launcher left the daemon running, holding its pid lock (bin/tend, TEND_DETACH_PIDFILE)
                    handedOff = true;
                    daemonPid = pidInFile();
                }
                if (handedOff && pidLockFree()) {
                    c = tryConnect(false);
                    if (c != null) {
                        return c;
                    }
                    awaitExit(daemonPid); // reported once it is gone, not while its JVM still exits
                    throw new DaemonUnavailableException(startFailure(spawnedAtMillis, ""));
                }
                sleep();
            }
            throw new DaemonUnavailableException("the tend daemon did not answer within " + startTimeout.toSeconds()
                    + " s; the end of " + paths.daemonLog() + ":\n" + tail(paths.daemonLog(), 15));
        } catch (IOException e) {
            throw new DaemonUnavailableException("cannot start the tend daemon: " + e.getMessage(), e);
        }
    }

    /**
     * The pid of a live daemon that holds the pid lock, if there is one: it may not listen yet (starting) or no more
     * (its socket file was deleted). Only that daemon may bind the socket, so no other is started beside it.
     */
    public OptionalLong lockHolder() {
        if (pidLockFree()) {
            return OptionalLong.empty();
        }
        // The kernel's word for who holds it; the file's text only where /proc/locks cannot tell (no /proc)
        OptionalLong holder = LockHolder.of(paths.pidFile());
        long pid = holder.isPresent() ? holder.getAsLong() : pidInFile();
        return pid > 0 && running(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /**
     * Waits for the lock holder to listen (a starting daemon binds within seconds; one whose socket was deleted
     * binds it again within a second). Null if it exited meanwhile: then a new one may be started.
     */
    private Connection awaitSocket(long pid) throws DaemonUnavailableException {
        long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Connection c = tryConnect(false);
            if (c != null) {
                return c;
            }
            if (!running(pid)) {
                return null;
            }
            sleep();
        }
        throw new DaemonUnavailableException("the tend daemon (pid " + pid + ") is running but does not listen on "
                + paths.socket() + " (its socket file is missing); `tend daemon stop` stops it by signal, and the next "
                + "command starts a new one");
    }

    /**
     * Why the daemon this client started exited: the reason it left for this start, else a full disk (where it
     * could leave nothing, not even a log line), else the end of its log.
     */
    private String startFailure(long spawnedAtMillis, String exit) {
        String head = "the tend daemon could not start" + exit + ": ";
        String reason = reasonOfThisStart(paths.startFailure(), spawnedAtMillis);
        if (reason != null) {
            return head + reason + " (details in " + paths.daemonLog() + ")";
        }
        long free = paths.stateDirFreeBytes(); // -1 when unknown: then the log says what it can
        if (free >= 0 && free < LOW_SPACE_BYTES) {
            return head + "no space left on device holding " + paths.stateDir() + ": free some space and try again";
        }
        return head + "the end of " + paths.daemonLog() + ":\n" + tail(paths.daemonLog(), 15);
    }

    /**
     * The reason the daemon left in {@code file} for a start at {@code spawnedAtMillis}, or null: none, an older
     * start's, or an empty one (on a full disk the file may be made while its text cannot be written).
     */
    static String reasonOfThisStart(Path file, long spawnedAtMillis) {
        try {
            if (Files.getLastModifiedTime(file).toMillis() >= spawnedAtMillis - 1000) {
                String reason = Files.readString(file).trim();
                return reason.isEmpty() ? null : reason;
            }
        } catch (IOException | RuntimeException noReason) {
            // none written for this start
        }
        return null;
    }

    private Process start() throws IOException {
        // Own session: closing the terminal or Ctrl-C here never reaches the daemon. Without either helper the
        // daemon stays in this group; then only its own --detached handling (SIGINT ignored) protects it.
        List<String> cmd = new ArrayList<>(NewSession.prefix(findExecutable));
        cmd.addAll(daemonCommand);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(new File("/"));
        // A client run from inside a service must not hand the service's marks to the daemon: the daemon would
        // count as part of that service and be stopped with it.
        pb.environment().keySet().removeAll(List.of("TEND_RUN", "TEND_PROJECT", "TEND_SERVICE", "TEND_JOB", "TEND_RUN_ID"));
        // A relative TEND_HOME is the caller's directory's, as this client read it; the daemon runs from /, where it
        // would name another place: a daemon no client reaches, and this one waiting for it in vain.
        String home = pb.environment().get("TEND_HOME");
        if (home != null && !home.isEmpty() && !Path.of(home).isAbsolute()) {
            pb.environment().put("TEND_HOME", Path.of(home).toAbsolutePath().normalize().toString());
        }
        // The launcher hands the daemon off and exits once it holds this lock: a child of this JVM that never
        // ended would hold up its exit by ~300 ms (the JVM waits for the thread that waits on the child).
        pb.environment().put(DETACH_PIDFILE, paths.pidFile().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Never the caller's stdout: `x=$(tend ps)` must not wait for the daemon to exit.
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(paths.daemonLog().toFile()));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private long pidInFile() {
        try {
            return Long.parseLong(Files.readString(paths.pidFile()).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Waits (at most {@link #EXIT_WAIT}) until a daemon that has let go of its pid lock has also ended, so that
     * whoever looks for it next does not find it still exiting. An interrupt ends the wait (and stays set).
     */
    public static void awaitExit(long pid) {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        try {
            while (running(pid) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For a peer that only listens (a subscription is silent when nothing changes): null while the daemon answers a
     * connection of its own, or when no answer timeout was asked for; else why it does not, in the user's words.
     */
    public String notAnswering() {
        return answerTimeout == null ? null : whyNotAnswering();
    }

    /**
     * Asked when an answer is overdue: null if the daemon still answers a second connection (it is busy with this
     * call, e.g. an `up --wait`), else what to tell the user. A stopped process (SIGSTOP) is known without asking.
     */
    private String whyNotAnswering() {
        long pid = pidInFile();
        String who = pid > 0 ? "the tend daemon (pid " + pid + ")" : "the tend daemon";
        if (pid > 0 && stopped(pid)) {
            return who + " does not answer: it is stopped (`kill -CONT " + pid + "` resumes it)";
        }
        try (RpcClient probe = RpcClient.connect(paths.socket())) {
            probe.answerTimeout(answerTimeout, () -> "no answer");
            probe.call(Methods.DAEMON_STATUS, null);
            return null;
        } catch (RpcError answered) {
            return null;
        } catch (IOException e) {
            return who + " does not answer (nothing within " + answerTimeout.toSeconds() + " s, nor to a second "
                    + "connection): see `tend daemon logs`; `tend daemon restart` replaces it";
        }
    }

    /** Whether the process is stopped by a signal (state T in /proc); false where that cannot be told. */
    static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException noProc) {
            return false;
        }
    }

    /**
     * Whether the process still runs. An ended daemon is nobody's child (its launcher handed it off), so it stays a
     * zombie until init reaps it, which can take a second; ProcessHandle counts a zombie as alive, /proc does not.
     */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProc) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The last lines of a file, for error messages. */
    public static String tail(Path file, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int size = (int) Math.min(len, 16 * 1024);
            byte[] buf = new byte[size];
            f.seek(len - size);
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            StringBuilder sb = new StringBuilder();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                sb.append("  ").append(all[i]).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            return "  (no daemon log: " + e.getMessage() + ")\n";
        }
    }

    private static void sleep() throws DaemonUnavailableException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonUnavailableException("interrupted");
        }
    }

    private static void closeQuietly(RpcClient c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
