package dev.tend.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Where an instance keeps its socket, pid lock, logs and database (docs/daemon.md). Client and daemon
 * resolve the same paths from the same environment.
 */
public final class TendPaths {
    public static final String DEFAULT_INSTANCE = "default";
    /** An instance name is part of the socket path, which sun_path bounds: tighter than other names. */
    private static final int INSTANCE_NAME_MAX = 64;
    /** sun_path is 108 bytes on Linux and 104 on macOS, including the terminating NUL. */
    private static final int SOCKET_PATH_LIMIT = System.getProperty("os.name", "").startsWith("Mac") ? 103 : 107;

    private final String instance;
    private final Path configFile;
    private final Path runtimeDir;
    private final Path stateDir;
    private final Path socket;
    private final boolean socketShortened;

    private TendPaths(String instance, Path configFile, Path runtimeDir, Path stateDir, Path socket, boolean socketShortened) {
        this.instance = instance;
        this.configFile = configFile;
        this.runtimeDir = runtimeDir;
        this.stateDir = stateDir;
        this.socket = socket;
        this.socketShortened = socketShortened;
    }

    /** Paths of the instance named by --instance (may be null), else TEND_INSTANCE, else "default". */
    public static TendPaths resolve(Map<String, String> env, String instanceOption) {
        String instance = instanceOption != null ? instanceOption
                : nonEmpty(env.get("TEND_INSTANCE")) ? env.get("TEND_INSTANCE") : DEFAULT_INSTANCE;
        if (!NameRule.isValid(instance, INSTANCE_NAME_MAX)) {
            throw new IllegalArgumentException("invalid instance name '" + instance + "': "
                    + NameRule.rule(INSTANCE_NAME_MAX));
        }
        String home = env.get("TEND_HOME");
        Path runtime;
        Path state;
        Path config;
        if (nonEmpty(home)) {
            Path h = Path.of(home).toAbsolutePath().normalize();
            config = h.resolve("config.yaml");
            runtime = h.resolve("run");
            state = h.resolve("state").resolve(instance);
        } else {
            String xdgRuntime = env.get("XDG_RUNTIME_DIR");
            runtime = nonEmpty(xdgRuntime) ? Path.of(xdgRuntime, "tend") : fallbackRuntimeDir(env);
            String xdgState = env.get("XDG_STATE_HOME");
            Path stateHome = nonEmpty(xdgState) ? Path.of(xdgState)
                    : Path.of(System.getProperty("user.home"), ".local", "state");
            state = stateHome.resolve("tend").resolve(instance);
            String xdgConfig = env.get("XDG_CONFIG_HOME");
            config = (nonEmpty(xdgConfig) ? Path.of(xdgConfig) : Path.of(System.getProperty("user.home"), ".config"))
                    .resolve("tend").resolve("config.yaml");
        }
        Path socket = runtime.resolve(instance + ".sock");
        boolean shortened = false;
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_LIMIT) {
            // Too long for sun_path: a short name in the per-user temp dir, derived from the long one so
            // every client finds the same socket.
            socket = fallbackRuntimeDir(env).resolve(shortHash(socket.toString()) + ".sock");
            shortened = true;
        }
        return new TendPaths(instance, config, runtime, state, socket, shortened);
    }

    private static Path fallbackRuntimeDir(Map<String, String> env) {
        String tmp = nonEmpty(env.get("TMPDIR")) ? env.get("TMPDIR") : "/tmp";
        return Path.of(tmp, "tend-" + Uid.current());
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    public String instance() {
        return instance;
    }

    /** Daemon-wide settings (docs/daemon.md): $TEND_HOME/config.yaml, else $XDG_CONFIG_HOME/tend/config.yaml. */
    public Path configFile() {
        return configFile;
    }

    public Path runtimeDir() {
        return runtimeDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /**
     * Bytes this user may still write on the file system of the state dir (where the daemon keeps its logs and
     * database), or of its nearest existing parent before the daemon made it; -1 if it cannot be told.
     */
    public long stateDirFreeBytes() {
        Path existing = stateDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public Path socket() {
        return socket;
    }

    /** True when the natural socket path was over the platform limit and a short hashed name is used. */
    public boolean socketShortened() {
        return socketShortened;
    }

    public Path pidFile() {
        return stateDir.resolve("daemon.pid");
    }

    public Path daemonLog() {
        return stateDir.resolve("daemon.log");
    }

    /** Why the last start of the daemon failed, in its words: written by the daemon, shown by the client that started it. */
    public Path startFailure() {
        return stateDir.resolve("start-failure.txt");
    }

    public Path database() {
        return stateDir.resolve("tend.db");
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    /** Clients take this lock while deciding whether to spawn a daemon, so only one of them does. */
    public Path spawnLock() {
        return stateDir.resolve("spawn.lock");
    }

    /** Creates the runtime and state directories (0700) and refuses ones another user could tamper with. */
    public void ensureDirectories() throws IOException {
        ensurePrivateDir(runtimeDir);
        ensurePrivateDir(stateDir);
        ensurePrivateDir(socket.getParent());
    }

    /** Checks the directories without creating them; for clients that must not create state (e.g. daemon stop). */
    public void checkExistingDirectories() throws IOException {
        for (Path dir : new Path[] {socket.getParent(), stateDir}) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                checkPrivate(dir);
            }
        }
    }

    static void ensurePrivateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // another client created it at the same moment (or a file is there): checked below
                }
            } catch (FileAlreadyExistsException e) { // its message is the path alone
                throw new IOException("cannot make " + dir + ": " + e.getFile() + " is in the way, and is not a "
                        + "directory (TEND_HOME, XDG_RUNTIME_DIR and XDG_STATE_HOME name where tend keeps its files)", e);
            } catch (java.nio.file.FileSystemException e) {
                throw new IOException("cannot make " + dir + ": " + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
            }
        }
        checkPrivate(dir);
    }

    static void checkPrivate(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory (a symbolic link or file is in the way); remove it");
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        long me = Uid.current();
        if (owner != me) {
            throw new IOException(dir + " is owned by uid " + owner + ", not by you (uid " + me
                    + "); refusing to use it: remove it or set TEND_HOME");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IOException(dir + " is accessible to other users (" + PosixFilePermissions.toString(perms)
                        + "); refusing to use it: run `chmod 700 " + dir + "`");
            }
        }
    }
}
