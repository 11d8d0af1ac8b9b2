package dev.tend.daemon.core.watch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchRulesTest {

    private static final Path BASE = Path.of("/p");

    private static WatchRules rules(List<String> paths, List<String> ignore) {
        return new WatchRules(BASE, new WatchSpec(paths, ignore, null), p -> !p.getFileName().toString().contains("."));
    }

    @Test
    void aDirectoryIsWatchedWithItsSubdirectoriesAndEveryChangeBelowCounts() {
        WatchRules r = rules(List.of("src"), List.of());
        WatchRules.Root root = r.roots().get(0);
        assertEquals(Path.of("/p/src"), root.dir());
        assertTrue(root.recursive());
        assertNull(root.only());
        assertTrue(r.counts(root, Path.of("/p/src/a/b/Main.java")));
    }

    @Test
    void aFileIsWatchedThroughItsParentAndOnlyItCounts() {
        WatchRules r = rules(List.of("config/app.yml"), List.of());
        WatchRules.Root root = r.roots().get(0);
        assertEquals(Path.of("/p/config"), root.dir());
        assertFalse(root.recursive());
        assertTrue(r.counts(root, Path.of("/p/config/app.yml")));
        assertFalse(r.counts(root, Path.of("/p/config/other.yml")));
    }

    @Test
    void aGlobWatchesTheDirectoryBeforeItAndOnlyMatchingFilesCount() {
        WatchRules r = rules(List.of("config/*.yml"), List.of());
        WatchRules.Root root = r.roots().get(0);
        assertEquals(Path.of("/p/config"), root.dir());
        assertFalse(root.recursive());
        assertTrue(r.counts(root, Path.of("/p/config/app.yml")));
        assertFalse(r.counts(root, Path.of("/p/config/app.json")));
        assertTrue(rules(List.of("**/*.py"), List.of()).roots().get(0).recursive());
    }

    @Test
    void anIgnorePatternWithoutASlashMatchesAnyNameInThePath() {
        WatchRules r = rules(List.of("src"), List.of(".git", "*.log", "node_modules/"));
        assertTrue(r.ignored(Path.of("/p/src/.git/HEAD")));
        assertTrue(r.ignored(Path.of("/p/src/deep/app.log")));
        assertTrue(r.ignored(Path.of("/p/src/web/node_modules/x/index.js")));
        assertFalse(r.ignored(Path.of("/p/src/app.js")));
        assertFalse(r.counts(r.roots().get(0), Path.of("/p/src/app.log")));
    }

    @Test
    void anIgnorePatternWithASlashMatchesTheRelativePathAndDoubleStarMatchesNoDirectoryToo() {
        WatchRules r = rules(List.of("src"), List.of("**/*.tmp", "src/generated/**"));
        assertTrue(r.ignored(Path.of("/p/a.tmp")));
        assertTrue(r.ignored(Path.of("/p/src/x/a.tmp")));
        assertTrue(r.ignored(Path.of("/p/src/generated/A.java")));
        assertFalse(r.ignored(Path.of("/p/src/A.java")));
    }

    @Test
    void aWatchNeedsAPathAndADebounceThatIsNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> new WatchSpec(List.of(), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new WatchSpec(List.of("src"), List.of(),
                Duration.ofMillis(-1)));
        assertEquals(WatchSpec.DEFAULT_DEBOUNCE, new WatchSpec(List.of("src"), List.of(), null).debounce());
    }
}
