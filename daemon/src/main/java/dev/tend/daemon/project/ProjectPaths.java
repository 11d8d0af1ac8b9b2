package dev.tend.daemon.project;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a project file is, both as the user named it (for messages: "tend.yaml:3: ...") and absolute (for
 * resolving cwd and env_file).
 *
 * @param shownFile the file as given, normalized
 * @param file      the file, absolute and normalized
 * @param dir       its directory, absolute and normalized
 */
record ProjectPaths(Path shownFile, Path file, Path dir) {

    static ProjectPaths of(Path given) {
        Path shown = given.normalize();
        Path file = given.toAbsolutePath().normalize();
        return new ProjectPaths(shown, file, file.getParent());
    }

    /** A path from the file, resolved against the project directory. */
    Path resolve(String text, YamlNode at, Values values) throws ProjectFileException {
        try {
            return dir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw values.fail(at, "bad path '" + text + "': " + e.getReason());
        }
    }

    /** A path from the file as messages should show it: beside the project file as the user named it. */
    Path shown(String text) {
        Path parent = shownFile.getParent();
        return parent == null ? Path.of(text).normalize() : parent.resolve(text).normalize();
    }
}
