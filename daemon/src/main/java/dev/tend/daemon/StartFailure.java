package dev.tend.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Why the daemon could not start, in words: a file-system exception's message is often just the path. */
final class StartFailure {
    private StartFailure() {
    }

    /** Forgets the failure of an earlier start, so that a client never shows it as this one's. */
    static void clear(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is told apart by its time as well
        }
    }

    /** Leaves the reason where the client that started this daemon looks for it (best effort: the disk may be full). */
    static void record(Path file, String why) {
        try {
            Files.writeString(file, why + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the client falls back to the free space and the log's tail
        }
    }

    static String describe(Exception e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String reason = f.getReason() != null ? f.getReason() : reasonOf(f);
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
        }
        return String.valueOf(e.getMessage());
    }

    private static String reasonOf(FileSystemException e) {
        if (e instanceof DirectoryNotEmptyException) {
            return "a directory that is not empty is in the way";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        } else if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return "file system error";
    }
}
