package dev.tend.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Who holds a file's lock, as the kernel says it (/proc/locks), not as a file's text says: a pid file can be edited,
 * or left naming a pid the system has since given to another program, and `daemon stop` signals the holder.
 */
final class LockHolder {
    private LockHolder() {
    }

    /** The pid holding a lock on the file, or empty if none does, or where /proc/locks cannot be read. */
    static OptionalLong of(Path file) {
        long inode;
        String locks;
        try {
            inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            locks = Files.readString(Path.of("/proc/locks"));
        } catch (IOException | RuntimeException unknown) {
            return OptionalLong.empty();
        }
        return holder(locks, inode);
    }

    /** Lines like "1: POSIX  ADVISORY  WRITE 12526 fe:00:2270385 0 EOF": the pid, then major:minor:inode. */
    static OptionalLong holder(String procLocks, long inode) {
        String suffix = ":" + inode;
        for (String line : procLocks.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[5].endsWith(suffix) && !f[1].equals("->")) { // "->": a waiter, not the holder
                try {
                    return OptionalLong.of(Long.parseLong(f[4]));
                } catch (NumberFormatException notAPid) {
                    // a line of another shape: look on
                }
            }
        }
        return OptionalLong.empty();
    }
}
