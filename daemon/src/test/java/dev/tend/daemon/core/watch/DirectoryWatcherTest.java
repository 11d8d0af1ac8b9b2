package dev.tend.daemon.core.watch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK watcher on a real directory tree (inotify on Linux). */
class DirectoryWatcherTest {

    @TempDir
    Path dir;
    private final AtomicInteger changes = new AtomicInteger();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<DirectoryWatcher> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(DirectoryWatcher::close);
    }

    private DirectoryWatcher watch(List<String> paths, List<String> ignore, int max) throws IOException {
        WatchRules rules = new WatchRules(dir, new WatchSpec(paths, ignore, null), Files::isDirectory);
        DirectoryWatcher w = new DirectoryWatcher("t", rules, path -> changes.incrementAndGet(), warnings::add, max);
        opened.add(w);
        return w;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aDirectoryThatCannotBeReadIsPassedOverAndCountedAndTheWalkGoesOn() throws Exception {
        java.util.List<Path> added = new java.util.ArrayList<>();
        DirectoryWatcher.Walk walk = new DirectoryWatcher.Walk(d -> false, added::add);
        Path locked = dir.resolve("proc/1/map_files");
        assertEquals(java.nio.file.FileVisitResult.CONTINUE,
                walk.postVisitDirectory(locked, new java.nio.file.AccessDeniedException(locked.toString())));
        assertEquals(java.nio.file.FileVisitResult.CONTINUE, walk.postVisitDirectory(dir.resolve("other"),
                new java.nio.file.AccessDeniedException("other")));
        assertEquals(java.nio.file.FileVisitResult.CONTINUE, walk.postVisitDirectory(dir.resolve("fine"), null));
        assertEquals(2, walk.unreadable);
        assertEquals(locked + ": permission denied", walk.firstUnreadable);

        Files.createDirectories(dir.resolve("a/b"));
        Files.walkFileTree(dir, walk);
        assertTrue(added.contains(dir.resolve("a/b")), added.toString());
    }

    @Test
    void aChangeDeepInATreeCountsAndANewSubdirectoryIsWatchedToo() throws Exception {
        Files.createDirectories(dir.resolve("src/a/b"));
        DirectoryWatcher w = watch(List.of("src"), List.of(), 100);
        assertEquals(3, w.directories());
        Files.writeString(dir.resolve("src/a/b/x.txt"), "1");
        await(() -> changes.get() > 0, "a change in src/a/b");
        Files.createDirectories(dir.resolve("src/new"));
        await(() -> w.directories() == 4, "src/new registered");
        int before = changes.get();
        Files.writeString(dir.resolve("src/new/y.txt"), "1");
        await(() -> changes.get() > before, "a change in the new directory");
    }

    @Test
    void ignoredDirectoriesAreNotWatchedAndIgnoredFilesDoNotCount() throws Exception {
        Files.createDirectories(dir.resolve("src/.git/objects"));
        DirectoryWatcher w = watch(List.of("src"), List.of(".git", "*.log"), 100);
        assertEquals(1, w.directories(), "src only");
        Files.writeString(dir.resolve("src/app.log"), "noise");
        Files.writeString(dir.resolve("src/.git/objects/x"), "noise");
        Files.writeString(dir.resolve("src/marker.txt"), "1"); // a change that counts, after the ones that do not
        await(() -> changes.get() > 0, "the marker"); // which files count is WatchRulesTest's
    }

    @Test
    void pastTheBoundTheRestIsNotWatchedAndThatIsSaidOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            Files.createDirectories(dir.resolve("src/d" + i));
        }
        DirectoryWatcher w = watch(List.of("src"), List.of(), 5);
        assertEquals(5, w.directories());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("only the first 5 directories"), warnings.get(0));
    }

    @Test
    void aRemovedRootIsAChangeAndLeavesTheWatcherNotIntact() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        DirectoryWatcher w = watch(List.of("src"), List.of(), 100);
        assertTrue(w.intact());
        Files.delete(dir.resolve("src"));
        await(() -> !w.intact(), "the root's loss noticed");
        assertTrue(changes.get() > 0);
    }

    @Test
    void closeEndsTheThread() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        DirectoryWatcher w = watch(List.of("src"), List.of(), 100);
        assertFalse(w.closed());
        w.close();
        await(w::closed, "the watcher's thread to end");
    }
}
