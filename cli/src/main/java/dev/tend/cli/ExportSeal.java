package dev.tend.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The last line of an exported file: a checksum of what the export wrote. A new export replaces its own output but
 * not one the user edited since (the compose file's placeholder image is there to be replaced): the checksum no longer
 * matches. A file without the line (an older export) is taken as unedited. Pure.
 */
final class ExportSeal {
    static final String PREFIX = "# tend export sha256 ";

    private ExportSeal() {
    }

    /** The content with its seal as a last comment line (both formats take '#' comments). */
    static String seal(String content) {
        String body = content.endsWith("\n") || content.isEmpty() ? content : content + "\n";
        return body + PREFIX + sha256(body) + "\n";
    }

    /** Whether a sealed file was changed since it was written. */
    static boolean edited(String existing) {
        int at = existing.lastIndexOf("\n" + PREFIX);
        if (at < 0) {
            return false;
        }
        String body = existing.substring(0, at + 1);
        String recorded = existing.substring(at + 1 + PREFIX.length()).strip();
        return !recorded.equals(sha256(body));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
