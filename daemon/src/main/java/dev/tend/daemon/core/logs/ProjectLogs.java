package dev.tend.daemon.core.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The logs of one project, {@code logs/<project>/}: its services' logs and its jobs' run logs. */
public final class ProjectLogs {

    private ProjectLogs() {
    }

    /** Deletes the project's log directory and everything in it (`tend forget --purge`); nothing if there is none. */
    public static void delete(Path logsDir, String project) throws IOException {
        Path root = logsDir.normalize();
        Path dir = root.resolve(project).normalize();
        if (!dir.startsWith(root) || dir.equals(root)) {
            throw new IOException("'" + project + "' does not name a directory inside " + root);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (NoSuchFileException none) {
            // no log was ever written
        }
    }
}
