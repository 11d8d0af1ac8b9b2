package dev.tend.daemon.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on daemon.pid, held for the daemon's whole life: whoever holds it is the one daemon
 * of the instance, and only it may unlink a stale socket and bind.
 */
public final class PidLock implements AutoCloseable {
    /**
     * Lock files this JVM holds. A second channel on one of them must never be opened: POSIX locks belong to
     * the process, so closing (or garbage-collecting) any descriptor of the file drops the holder's lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PidLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another live daemon holds the lock. */
    public static final class HeldException extends Exception {
        public HeldException(String message) {
            super(message);
        }
    }

    public static PidLock acquire(Path file) throws IOException, HeldException {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new HeldException("another tend daemon (pid " + ProcessHandle.current().pid()
                    + ") is already running for this instance (lock " + file + ")");
        }
        boolean acquired = false;
        try {
            PidLock pidLock = lock(file);
            acquired = true;
            return pidLock;
        } finally {
            if (!acquired) {
                HELD.remove(key);
            }
        }
    }

    private static PidLock lock(Path file) throws IOException, HeldException {
        FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = readPid(ch);
            ch.close();
            throw new HeldException("another tend daemon" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is already running for this instance (lock " + file + ")");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new PidLock(file, ch, lock);
    }

    private static String readPid(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
    }

    /** Removes the pid file, then lets go of the lock (the socket must already be gone). */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
                channel.close();
            } finally {
                HELD.remove(file.toAbsolutePath().normalize());
            }
        }
    }
}
