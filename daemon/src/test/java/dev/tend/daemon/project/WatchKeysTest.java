package dev.tend.daemon.project;

import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.watch.WatchSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `watch:` of a service: the map and its short forms, or refused with the line and why. */
class WatchKeysTest {

    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("api/config"));
    }

    /** The service's keys start on line 4. */
    private ServiceSpec load(String keys) throws Exception {
        return ServiceKeys.load(dir, keys);
    }

    private void assertRejected(String keys, int line, String fragment) {
        ServiceKeys.assertRejected(dir, keys, line, fragment);
    }

    @Test
    void theMapIsReadWithPathsRelativeToTheServicesCwd() throws Exception {
        ServiceSpec s = load("""
                    cwd: api
                    watch: { paths: [config, "config/*.yml"], ignore: ["*.log", .git], debounce: 1s }
                """);
        assertEquals(new WatchSpec(List.of("config", "config/*.yml"), List.of("*.log", ".git"), Duration.ofSeconds(1)),
                s.watch());
    }

    @Test
    void theShortFormsAreThePathsWithTheDefaults() throws Exception {
        assertEquals(new WatchSpec(List.of("src"), List.of(), WatchSpec.DEFAULT_DEBOUNCE), load("    watch: src\n").watch());
        assertEquals(List.of("src", "tend.yaml"), load("    watch: [src, tend.yaml]\n").watch().paths());
        assertNull(load("").watch());
    }

    @Test
    void aPathThatDoesNotExistIsRefusedWithItsLine() {
        assertRejected("""
                    watch:
                      paths:
                        - src
                        - lib
                """, 7, "watch: path 'lib' does not exist");
        assertRejected("    watch: \"confg/*.yml\"\n", 4, "path 'confg/*.yml' does not exist");
    }

    @Test
    void aGlobThatIsNoGlobAndAnEmptyPathAreRefusedWithTheirLine() {
        assertRejected("    watch: \"src/[a\"\n", 4, "service 'api': watch: 'src/[a' is not a valid glob: missing ']");
        assertRejected("    watch: { paths: src, ignore: [\"*.log\", \"[\"] }\n", 4,
                "service 'api': watch ignore: '[' is not a valid glob: missing ']");
        assertRejected("    watch: \"\"\n", 4, "service 'api': watch: watch has an empty path");
    }

    @Test
    void badShapesAndKeysAreRefused() {
        assertRejected("    watch: { ignore: [x] }\n", 4, "needs paths");
        assertRejected("    watch: []\n", 4, "at least one path");
        assertRejected("    watch: { paths: src, debounce: 5 }\n", 4, "debounce");
        assertRejected("    watch: { paths: src, ignroe: [x] }\n", 4, "did you mean 'ignore'");
        assertRejected("    watch: { paths: [{ a: b }] }\n", 4, "must be paths");
    }

    @Test
    void aChangeOfWatchAloneIsTheSameLaunch() throws Exception {
        ServiceSpec without = load("");
        ServiceSpec with = load("    watch: src\n");
        assertTrue(without.sameLaunch(with));
        assertTrue(with.sameLaunch(without));
    }
}
