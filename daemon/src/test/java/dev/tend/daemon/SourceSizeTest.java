package dev.tend.daemon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No main source file of any module grows past 600 lines (docs/architecture.md): a file that long holds several
 * jobs, and the next one to change it should split it first. Run from the daemon module; the others are its siblings.
 */
class SourceSizeTest {

    private static final int MOST_LINES = 600;
    private static final Path REPOSITORY = Path.of("..");
    private static final List<String> MODULES = List.of("protocol", "daemon", "cli", "tui", "mcp");

    @Test
    void noMainSourceFileIsLongerThan600Lines() throws IOException {
        List<String> tooLong;
        long read;
        try (Stream<Path> files = MODULES.stream().map(m -> REPOSITORY.resolve(m).resolve("src/main/java"))
                .flatMap(SourceSizeTest::javaFiles)) {
            List<Path> all = files.toList();
            read = all.size();
            tooLong = all.stream().filter(f -> lines(f) > MOST_LINES)
                    .map(f -> REPOSITORY.relativize(f) + ": " + lines(f) + " lines").sorted().toList();
        }
        assertTrue(read > 100, "only " + read + " sources found under " + REPOSITORY.toAbsolutePath());
        assertEquals(List.of(), tooLong, "main sources over " + MOST_LINES + " lines");
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e, e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
