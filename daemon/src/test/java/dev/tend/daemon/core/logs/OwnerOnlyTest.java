package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs hold what services print, secrets too: files 0600, directories 0700, wider ones narrowed when opened. */
class OwnerOnlyTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewLogFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("api.log");
        try (FileChannel ignored = OwnerOnly.append(file)) {
            assertEquals("rw-------", mode(file));
        }
    }

    @Test
    void aLogFileLeftWiderByAnOlderTendIsNarrowedWhenItIsOpenedAgain() throws Exception {
        Path file = Files.createFile(dir.resolve("api.log"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (FileChannel ignored = OwnerOnly.append(file)) {
            assertEquals("rw-------", mode(file));
        }
    }

    @Test
    void newDirectoriesAreTheOwnersOnlyAndAWiderOneIsNarrowedButNotItsParents() throws Exception {
        Path parent = Files.createDirectory(dir.resolve("logs"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path nested = parent.resolve("shop").resolve("api");

        OwnerOnly.directories(nested);

        assertEquals("rwx------", mode(nested));
        assertEquals("rwx------", mode(nested.getParent()), "a parent it created");
        assertEquals("rwxr-xr-x", mode(parent), "a parent that was there is not its to change");

        Files.setPosixFilePermissions(nested, PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnly.directories(nested);
        assertEquals("rwx------", mode(nested));
    }
}
