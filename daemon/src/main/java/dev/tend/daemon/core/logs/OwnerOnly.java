package dev.tend.daemon.core.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Logs hold whatever services print, secrets included: their files are 0600 and their directories 0700 whatever
 * the umask, and a file or directory left wider by an older tend is narrowed when it is opened again.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /**
     * Creates the directory and its missing parents 0700, and narrows the directory itself if it is wider (its
     * parents are not ours to change: the daemon narrows the root of all logs once at start).
     */
    public static void directories(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
        narrow(dir, DIR);
    }

    /** Opens the file for appending, creating it 0600 (narrowing it if it already exists). */
    static FileChannel append(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (!POSIX) {
            return FileChannel.open(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE);
        FileChannel channel = FileChannel.open(file, options, mode);
        try {
            narrow(file, FILE);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }
}
