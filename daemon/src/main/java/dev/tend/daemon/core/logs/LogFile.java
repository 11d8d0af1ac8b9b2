package dev.tend.daemon.core.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The log of one service: {@code name.log} plus rotated {@code name.log.1} (newest) ... {@code name.log.<files-1>},
 * in the {@link LogFormat} format. One instance per service for the daemon's life, shared by its stdout and stderr
 * captures and across restarts of the service.
 *
 * <p>Each batch of lines is stamped and written under one lock with direct write calls (no user-space buffer), so
 * lines from concurrent writers never interleave, times in a file follow file order, and once a write returns its
 * lines are in the OS and survive a crash of the daemon. Before a line would take the file past the size cap the
 * file is rotated, so a line is never split across files; a single line larger than the cap gets a file of its own.
 *
 * <p>A file deleted or moved away from outside (an `rm` to free the disk, another program's rotation, its whole
 * directory removed) is noticed at the next write, which makes it again rather than write into a file nobody can
 * open any more: one look at the path per batch, a stat next to the write itself.
 */
public final class LogFile implements Closeable {

    private final Path path;
    private final LogPolicy policy;
    private final Clock clock;
    private final Object lock = new Object();
    private final byte[] stamp = new byte[LogFormat.TIME_WIDTH];
    private FileChannel channel;
    /** The (device, inode) of the file the channel writes, to tell it from whatever is at the path now. */
    private Object fileKey;
    private long size;
    private boolean closed;

    private LogFile(Path path, LogPolicy policy, Clock clock) {
        this.path = path;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Opens (creating it and its directory if needed) the log for appending. Rotated files beyond what the policy
     * keeps, left by an earlier larger policy, are deleted.
     *
     * @param clock stamps the lines
     */
    public static LogFile open(Path path, LogPolicy policy, Clock clock) throws IOException {
        LogFile file = new LogFile(path.toAbsolutePath(), policy, clock);
        OwnerOnly.directories(file.path.getParent());
        file.deleteSurplusRotations();
        synchronized (file.lock) {
            file.openChannel();
        }
        return file;
    }

    public Path path() {
        return path;
    }

    public LogPolicy policy() {
        return policy;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Writes text as one line, or as several if it contains '\n' (for messages of tend itself, such as "started").
     *
     * @return the lines as written
     */
    public List<LogLine> append(LogStream stream, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        LineBatch batch = new LineBatch(stream, true, bytes.length + 64);
        LineSplitter splitter = new LineSplitter(policy.maxLineBytes());
        splitter.feed(bytes, 0, bytes.length, batch);
        return batch.lines(write(batch));
    }

    /** Stamps every line of the batch with the current time and writes them; returns that time. */
    Instant write(LineBatch batch) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("log file " + path + " is closed");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            LogFormat.writeTime(now, stamp, 0);
            byte[] bytes = batch.bytes();
            int lines = batch.count();
            for (int i = 0; i < lines; i++) {
                System.arraycopy(stamp, 0, bytes, batch.start(i), stamp.length);
            }
            try {
                if (channel != null && !stillAtPath()) {
                    dropChannel(); // writing on would lose every line: the next open makes the file again
                }
                writeLines(batch);
            } catch (IOException e) {
                dropChannel(); // the next write opens the file again, which ends a line the failure cut short
                throw e;
            }
            return now;
        }
    }

    /** Whether the file open for writing is still the one at the path (a failure to tell counts as yes). */
    private boolean stillAtPath() {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key == null || key.equals(fileKey);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void dropChannel() {
        FileChannel dropped = channel;
        channel = null;
        if (dropped != null) {
            try {
                dropped.close();
            } catch (IOException e) {
                // it failed already; the next write opens a new one
            }
        }
    }

    /** Writes the batch, rotating before the first line that would not fit in the current file. */
    private void writeLines(LineBatch batch) throws IOException {
        int length = batch.length();
        int lines = batch.count();
        int from = 0;
        int line = 0; // the line that starts at 'from'
        while (from < length) {
            if (channel == null) {
                openChannel();
            }
            long room = policy.maxFileBytes() - size;
            int to = from;
            int next = line;
            if (length - from <= room) {
                to = length;
                next = lines;
            } else {
                while (next < lines && lineEnd(batch, next) - from <= room) {
                    to = lineEnd(batch, next);
                    next++;
                }
                if (to == from) {
                    if (size > 0) {
                        rotate();
                        continue;
                    }
                    to = lineEnd(batch, line); // larger than a whole file: it gets one of its own
                    next = line + 1;
                }
            }
            writeFully(batch.bytes(), from, to);
            size += to - from;
            from = to;
            line = next; // what is left starts with a line that does not fit: the next round rotates
        }
    }

    private static int lineEnd(LineBatch batch, int line) {
        return line + 1 < batch.count() ? batch.start(line + 1) : batch.length();
    }

    private void writeFully(byte[] bytes, int from, int to) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, to - from);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * name.log.(n-2) → name.log.(n-1) (dropping the oldest) ... name.log → name.log.1; the next write opens a fresh
     * name.log.
     */
    private void rotate() throws IOException {
        FileChannel old = channel;
        channel = null;
        old.close();
        if (policy.files() == 1) {
            Files.deleteIfExists(path);
        }
        for (int i = policy.files() - 1; i >= 1; i--) {
            Path from = i == 1 ? path : rotated(i - 1);
            if (Files.exists(from)) {
                Files.move(from, rotated(i), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private void openChannel() throws IOException {
        if (!Files.isDirectory(path.getParent())) {
            OwnerOnly.directories(path.getParent()); // removed under us
        }
        FileChannel opened = OwnerOnly.append(path);
        try {
            fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            long existing = opened.size();
            if (existing > 0 && !endsWithNewline(path, existing)) {
                // A torn last line (not ours: we write whole lines) must not swallow the next line.
                opened.write(ByteBuffer.wrap(new byte[] {'\n'}));
                existing++;
            }
            size = existing;
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    private static boolean endsWithNewline(Path path, long size) throws IOException {
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            return reader.read(last, size - 1) == 1 && last.get(0) == '\n';
        }
    }

    Path rotated(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }

    private void deleteSurplusRotations() throws IOException {
        String prefix = path.getFileName() + ".";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(path.getParent(), prefix + "*")) {
            for (Path sibling : siblings) {
                int index = LogFiles.rotationIndex(sibling.getFileName().toString(), path.getFileName().toString());
                if (index >= policy.files()) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    /** Closes the file; later writes fail. Everything written so far is already in the OS. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }

    @Override
    public String toString() {
        return "LogFile[" + path + "]";
    }
}
