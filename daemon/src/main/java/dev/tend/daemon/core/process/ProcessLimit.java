package dev.tend.daemon.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's limit of processes and threads (ulimit -u, RLIMIT_NPROC) reached: the JVM cannot start a thread
 * (an OutOfMemoryError that is no lack of heap) and a fork fails with EAGAIN. Both are said in those words, so a
 * service that cannot start says why, and the daemon does not take either for a bug of its own. A fork refused for
 * want of file descriptors (EMFILE) names `ulimit -n` the same way.
 */
public final class ProcessLimit {

    private ProcessLimit() {
    }

    /** Whether the error is the JVM failing to start a thread, rather than a full heap. */
    public static boolean isThreadLimit(Throwable e) {
        return e instanceof OutOfMemoryError && String.valueOf(e.getMessage()).contains("native thread");
    }

    /**
     * The failure to start a thread as the user's words; any other error is thrown on, as it was.
     *
     * @param doing what needed the thread, e.g. "start a thread for its output"
     */
    public static IOException threadFailure(OutOfMemoryError e, String doing) {
        if (!isThreadLimit(e)) {
            throw e;
        }
        return new IOException("the daemon cannot " + doing + ": " + reached(), e);
    }

    /**
     * A fork refused with EAGAIN ("error=11") or for want of file descriptors ("error=24", EMFILE), with the limit
     * named; other failures as they are.
     */
    public static String forkFailure(String message) {
        if (message != null && message.contains("error=11,")) {
            return message + " (" + reached() + ")";
        }
        if (message != null && message.contains("error=24,")) {
            long files = limit(Path.of("/proc/self/limits"), "Max open files");
            return message + " (the daemon's open files reached its limit, ulimit -n" + (files > 0 ? ": " + files : "")
                    + "; each running service holds three)";
        }
        return message;
    }

    /** "the limit of processes and threads of this user (ulimit -u: 100) is reached, or memory is short". */
    static String reached() {
        long limit = limit(Path.of("/proc/self/limits"));
        return "the limit of processes and threads of this user (ulimit -u" + (limit > 0 ? ": " + limit : "")
                + ") is reached, or memory is short";
    }

    /** The soft "Max processes" of /proc/self/limits; -1 when unlimited or unknown. */
    static long limit(Path limits) {
        return limit(limits, "Max processes");
    }

    /** A soft limit of /proc/self/limits by its name; -1 when unlimited or unknown. */
    static long limit(Path limits, String name) {
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith(name)) {
                    String[] words = line.substring(name.length()).trim().split("\\s+");
                    return words.length > 0 && words[0].matches("\\d+") ? Long.parseLong(words[0]) : -1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the words go without the number
        }
        return -1;
    }
}
