package dev.tend.daemon.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file a user writes by hand (a project file, an env file, config.yaml) whole, refusing one over {@link #MAX_BYTES}
 * before parsing it: SnakeYAML's time grows with the square of a quoted value's length (1 MiB: seconds, 20 MiB:
 * for ever), and a file this small parses in a fraction of a second whatever it holds. docs/daemon.md states it.
 */
public final class SmallTextFile {
    /** Far above any real project file (a few KiB); a quoted value this long parses in ~0.1 s. */
    public static final int MAX_BYTES = 256 * 1024;

    private SmallTextFile() {
    }

    /** A file over the limit: its message is the reason only, e.g. "2.0 MiB is more than the 256 KiB a project file may hold". */
    public static final class TooLargeException extends IOException {
        TooLargeException(long size, String kind) {
            super(size(size) + " is more than the " + size(MAX_BYTES) + (kind.matches("[aeiou].*") ? " an " : " a ")
                    + kind + " may hold");
        }
    }

    /**
     * @param kind what the file is, for the message ("project file")
     * @throws java.nio.charset.MalformedInputException when the text is not UTF-8
     */
    public static String read(Path file, String kind) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // never more, even if the file grows while it is read
        }
        if (bytes.length > MAX_BYTES) {
            throw new TooLargeException(Math.max(bytes.length, Files.size(file)), kind);
        }
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        // The byte-order mark some editors write first is no part of the text (a Procfile's first name, a .env's
        // first variable); YAML's parser skipped it alone.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        }
        return bytes >= 1024 ? (bytes + 1023) / 1024 + " KiB" : bytes + " bytes";
    }
}
