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
        long dev;
        long inode;
        String locks;
        try {
            dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            locks = Files.readString(Path.of("/proc/locks"));
        } catch (IOException | RuntimeException unknown) {
            return OptionalLong.empty();
        }
        return holder(locks, fileId(dev, inode));
    }

    /**
     * The file as /proc/locks names it, "major:minor:inode" with the device's numbers in hex: an inode number alone
     * is unique only on its file system. The device number is Linux's (the glibc major/minor encoding).
     */
    static String fileId(long dev, long inode) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return String.format("%02x:%02x:%d", major, minor, inode);
    }

    /** Lines like "1: POSIX  ADVISORY  WRITE 12526 fe:00:2270385 0 EOF": the pid, then major:minor:inode. */
    static OptionalLong holder(String procLocks, String fileId) {
        for (String line : procLocks.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[5].equals(fileId) && !f[1].equals("->")) { // "->": a waiter, not the holder
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
