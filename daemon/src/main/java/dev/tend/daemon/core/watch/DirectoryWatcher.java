package dev.tend.daemon.core.watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches the {@link WatchRules}' directories with the JDK's {@link WatchService} (inotify on Linux: one watch per
 * directory, no polling) on a thread of its own, registering subdirectories as they appear and skipping ignored
 * ones. At most {@link #MAX_DIRECTORIES} directories: past that, the rest are not watched and {@code warn} says so
 * once. On macOS the JDK polls (every few seconds): changes are seen late there (docs/supervision.md).
 */
public final class DirectoryWatcher implements AutoCloseable {

    /** Far below the kernel's default of 8192+ inotify watches per user, which other tools need too. */
    public static final int MAX_DIRECTORIES = 4096;
    private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchRules rules;
    private final Consumer<Path> changed;
    private final Consumer<String> warn;
    private final int maxDirectories;
    private final WatchService service;
    private final Map<WatchKey, Registered> keys = new HashMap<>();
    private final Thread thread;
    private volatile boolean lostRoot;
    private boolean warned;
    private boolean warnedUnreadable;

    private record Registered(Path dir, WatchRules.Root root) {
    }

    /**
     * Registers the directories now (on the caller's thread) and starts watching.
     *
     * @param changed called on the watcher's thread for each change that counts, with the path that changed (the
     *                directory, when the system lost count of what changed in it)
     * @param warn    called once when the bound is reached
     */
    public DirectoryWatcher(String name, WatchRules rules, Consumer<Path> changed, Consumer<String> warn,
                            int maxDirectories)
            throws IOException {
        this.rules = rules;
        this.changed = changed;
        this.warn = warn;
        this.maxDirectories = maxDirectories;
        this.service = FileSystems.getDefault().newWatchService();
        for (WatchRules.Root root : rules.roots()) {
            if (!Files.isDirectory(root.dir())) {
                lostRoot = true; // removed since the file was read: a later start watches it again if it is back
            }
            register(root.dir(), root);
        }
        thread = new Thread(this::loop, "tend-watch-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** How many directories are watched now. */
    public synchronized int directories() {
        return keys.size();
    }

    /** Whether every root is watched (false once one was removed, or was missing: a new watcher is needed for it). */
    public boolean intact() {
        return !lostRoot;
    }

    @Override
    public void close() {
        try {
            service.close(); // take() throws, the thread ends
        } catch (IOException e) {
            log.debug("closing a watch service: {}", e.toString());
        }
    }

    /** Whether the thread has ended (after {@link #close}). */
    public boolean closed() {
        return !thread.isAlive();
    }

    private synchronized void register(Path dir, WatchRules.Root root) {
        if (!Files.isDirectory(dir) || rules.ignored(dir) && !isRoot(dir)) {
            return;
        }
        if (!root.recursive()) {
            add(dir, root);
            return;
        }
        Walk walk = new Walk(d -> !d.equals(dir) && rules.ignored(d), d -> add(d, root));
        try {
            Files.walkFileTree(dir, walk);
        } catch (IOException e) {
            log.debug("watching {}: {}", dir, e.toString());
        }
        if (walk.unreadable > 0 && !warnedUnreadable) {
            warnedUnreadable = true;
            warn.accept(walk.unreadable + " director" + (walk.unreadable == 1 ? "y" : "ies") + " under " + dir
                    + " could not be read and " + (walk.unreadable == 1 ? "is" : "are") + " not watched (the first: "
                    + walk.firstUnreadable + "); add ignore patterns for them");
        }
    }

    /**
     * The walk of a watched tree: one directory that cannot be read (/proc/1/map_files under `watch: /`) is passed
     * over, counted, and the walk goes on; it used to end the walk there, leaving most of the tree unwatched.
     */
    static final class Walk extends SimpleFileVisitor<Path> {
        private final java.util.function.Predicate<Path> skip;
        private final java.util.function.Predicate<Path> add;
        int unreadable;
        String firstUnreadable;

        /** @param add registers a directory; false once the bound is reached (the walk ends) */
        Walk(java.util.function.Predicate<Path> skip, java.util.function.Predicate<Path> add) {
            this.skip = skip;
            this.add = add;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (skip.test(d)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return add.test(d) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // gone meanwhile, or unreadable: nothing to watch there
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) {
            if (e != null) {
                if (unreadable++ == 0) {
                    firstUnreadable = d + ": " + (e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                            : e.getClass().getSimpleName());
                }
                log.debug("watching {}: {}", d, e.toString());
            }
            return FileVisitResult.CONTINUE;
        }
    }

    private boolean isRoot(Path dir) {
        return rules.roots().stream().anyMatch(r -> r.dir().equals(dir));
    }

    /** Registers one directory; false when the bound is reached. */
    private boolean add(Path dir, WatchRules.Root root) {
        if (keys.size() >= maxDirectories) {
            if (!warned) {
                warned = true;
                warn.accept("watching only the first " + maxDirectories + " directories (" + dir + " and further "
                        + "ones are not watched); add ignore patterns for what need not restart the service");
            }
            return false;
        }
        try {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            keys.put(key, new Registered(dir, root));
        } catch (IOException | ClosedWatchServiceException e) {
            log.debug("watching {}: {}", dir, e.toString());
        }
        return true;
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path counted = handle(key);
                if (counted != null) {
                    changed.accept(counted);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the service was stopped or removed, or the daemon stops
        }
    }

    /** The first path of the key's events that counts, or null if none does. */
    private Path handle(WatchKey key) {
        Registered reg;
        synchronized (this) {
            reg = keys.get(key);
        }
        if (reg == null) {
            key.cancel();
            return null;
        }
        Path counted = null;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                counted = counted == null ? reg.dir() : counted; // too many to tell which: one of them surely counts
                continue;
            }
            Path path = reg.dir().resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && reg.root().recursive()
                    && Files.isDirectory(path) && !rules.ignored(path)) {
                register(path, reg.root());
            }
            if (counted == null && rules.counts(reg.root(), path)) {
                counted = path;
            }
        }
        if (!key.reset()) {
            synchronized (this) {
                keys.remove(key); // the directory is gone
            }
            if (isRoot(reg.dir())) {
                lostRoot = true;
                counted = counted == null ? reg.dir() : counted;
            }
        }
        return counted;
    }
}
