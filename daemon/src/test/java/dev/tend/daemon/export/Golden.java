package dev.tend.daemon.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares generated text with a file under src/test/resources/export. Run with -Dtend.golden.update=true
 * to rewrite the files from the current output (then review the diff before committing).
 */
final class Golden {
    private static final Path DIR = Path.of("src/test/resources/export");

    private Golden() {
    }

    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("tend.golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            assertEquals(Files.readString(file), actual, "differs from golden file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
