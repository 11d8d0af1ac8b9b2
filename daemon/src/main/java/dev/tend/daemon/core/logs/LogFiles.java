package dev.tend.daemon.core.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The files of one log opened for reading, oldest first, as they were at one moment. A rotation that happens
 * while the set is opened is detected (the files' identities changed) and the set opened again; a set that
 * never holds still is an error, never a set with a file under another's identity.
 */
final class LogFiles implements Closeable {

    private static final int HEAD_BYTES = 64;
    /** A log rotating faster than its files can be opened (a test writing flat out) needs several tries. */
    private static final int ATTEMPTS = 50;

    /**
     * @param end where reading stops: for the live file, just after its last complete line (a write may be in
     *            progress); for rotated files, their size
     */
    record Entry(Path path, FileChannel channel, String key, long head, long end, Instant mtime) {

        LogPosition position(long offset) {
            return new LogPosition(key, head, offset);
        }

        boolean is(LogPosition position) {
            return key.equals(position.fileKey()) && (position.head() == -1 || position.head() == head);
        }
    }

    final List<Entry> entries;

    private LogFiles(List<Entry> entries) {
        this.entries = entries;
    }

    static LogFiles open(Path logFile) throws IOException {
        Path path = logFile.toAbsolutePath();
        for (int attempt = 1; ; attempt++) {
            Map<Integer, String> before = keys(path);
            List<Entry> entries = new ArrayList<>();
            try {
                for (Map.Entry<Integer, String> file : before.entrySet()) {
                    Entry entry = openEntry(path, file.getKey(), file.getValue());
                    if (entry != null) {
                        entries.add(0, entry); // highest index is oldest: the map iterates lowest first
                    }
                }
            } catch (IOException | RuntimeException e) {
                closeAll(entries);
                throw e;
            }
            if (before.equals(keys(path))) {
                return new LogFiles(entries);
            }
            closeAll(entries);
            if (attempt == ATTEMPTS) {
                // Each file is labelled with the identity the listing gave its name: after a rotation in between, a
                // label may belong to another file, and positions made from it would repeat or skip lines.
                throw new IOException(path + " was rotated while its files were being opened, " + ATTEMPTS
                        + " times in a row");
            }
        }
    }

    /** Rotation index of the file name: 0 for the base name, n for "base.n", -1 if it is not a file of this log. */
    static int rotationIndex(String name, String base) {
        if (name.equals(base)) {
            return 0;
        }
        if (!name.startsWith(base + ".")) {
            return -1;
        }
        String suffix = name.substring(base.length() + 1);
        if (suffix.isEmpty() || suffix.length() > 6 || suffix.startsWith("0") || !suffix.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(suffix);
    }

    private static Path fileAt(Path path, int index) {
        return index == 0 ? path : path.resolveSibling(path.getFileName() + "." + index);
    }

    /** Rotation index → file key, of the files that exist. */
    private static Map<Integer, String> keys(Path path) throws IOException {
        Map<Integer, String> keys = new TreeMap<>();
        String base = path.getFileName().toString();
        if (!Files.isDirectory(path.getParent())) {
            return keys;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(path.getParent(), base + "*")) {
            for (Path sibling : siblings) {
                int index = rotationIndex(sibling.getFileName().toString(), base);
                if (index >= 0) {
                    try {
                        keys.put(index, key(Files.readAttributes(sibling, BasicFileAttributes.class)));
                    } catch (NoSuchFileException e) {
                        // rotated away while listing: the second listing will differ and we try again
                    }
                }
            }
        }
        return keys;
    }

    private static String key(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        // Linux and macOS always have a key (device and inode); elsewhere creation time is the best stand-in.
        return key != null ? key.toString() : "created=" + attributes.creationTime().toMillis();
    }

    private static Entry openEntry(Path path, int index, String key) throws IOException {
        Path file = fileAt(path, index);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            long size = channel.size();
            Instant mtime = Files.getLastModifiedTime(file).toInstant();
            long end = index == 0 ? afterLastNewline(channel, size) : size;
            return new Entry(file, channel, key, head(channel), end, mtime);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** CRC-32 of the bytes before the first '\n', at most 64; -1 if the file does not have that many yet. */
    private static long head(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEAD_BYTES);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // keep reading: a positional read may return less than asked
        }
        byte[] bytes = buffer.array();
        int length = buffer.position();
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                length = i;
                return crc(bytes, length);
            }
        }
        return length == HEAD_BYTES ? crc(bytes, length) : -1;
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static long afterLastNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long pos = size;
        while (pos > 0) {
            int n = (int) Math.min(buffer.capacity(), pos);
            buffer.clear().limit(n);
            LogReader.readFully(channel, buffer, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    private static void closeAll(List<Entry> entries) throws IOException {
        IOException failure = null;
        for (Entry entry : entries) {
            try {
                entry.channel().close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        closeAll(entries);
    }
}
