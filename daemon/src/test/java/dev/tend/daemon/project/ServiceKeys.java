package dev.tend.daemon.project;

import dev.tend.daemon.core.ServiceSpec;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tend.yaml of one service "api" with the given keys (they start on line 4), read from its directory. */
final class ServiceKeys {
    private ServiceKeys() {
    }

    static ServiceSpec load(Path dir, String keys) throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), "services:\n  api:\n    command: ./run\n" + keys);
        return ProjectFiles.load(dir).services().get("api");
    }

    /** The keys are refused at the line, for a reason that contains the fragment. */
    static void assertRejected(Path dir, String keys, int line, String fragment) {
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> load(dir, keys));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.reason().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}
