package dev.tend.daemon.core.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessLimitTest {

    @TempDir
    Path dir;

    @Test
    void theSoftProcessLimitIsReadFromProcLimitsAndUnlimitedIsNone() throws IOException {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max open files            1024                 524288               files
                Max processes             100                  4000                 processes
                """);
        assertEquals(100, ProcessLimit.limit(limits));
        assertEquals(1024, ProcessLimit.limit(limits, "Max open files"));
        Files.writeString(limits, "Max processes             unlimited            unlimited            processes\n");
        assertEquals(-1, ProcessLimit.limit(limits));
        assertEquals(-1, ProcessLimit.limit(dir.resolve("missing")));
    }

    @Test
    void onlyTheFailureToStartAThreadIsWordedAsTheLimitAFullHeapIsThrownOn() {
        OutOfMemoryError threads = new OutOfMemoryError(
                "unable to create native thread: possibly out of memory or process/resource limits reached");
        assertTrue(ProcessLimit.isThreadLimit(threads));
        IOException words = ProcessLimit.threadFailure(threads, "start shop/api");
        assertTrue(words.getMessage().startsWith("the daemon cannot start shop/api: the limit of processes and "
                + "threads of this user (ulimit -u"), words.getMessage());
        assertSame(threads, words.getCause());

        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        assertFalse(ProcessLimit.isThreadLimit(heap));
        assertSame(heap, assertThrows(OutOfMemoryError.class, () -> ProcessLimit.threadFailure(heap, "start it")));
    }

    @Test
    void aForkRefusedWithEagainNamesTheLimitOtherFailuresStayAsTheyAre() {
        String eagain = "Cannot run program \"/usr/bin/setsid\": error=11, Resource temporarily unavailable";
        assertTrue(ProcessLimit.forkFailure(eagain).startsWith(eagain + " (the limit of processes and threads"));
        String emfile = "Cannot run program \"/usr/bin/setsid\": error=24, Too many open files";
        assertTrue(ProcessLimit.forkFailure(emfile).startsWith(emfile + " (the daemon's open files reached its limit, "
                + "ulimit -n"), ProcessLimit.forkFailure(emfile));
        String missing = "Cannot run program \"nope\": error=2, No such file or directory";
        assertEquals(missing, ProcessLimit.forkFailure(missing));
        assertEquals(null, ProcessLimit.forkFailure(null));
    }
}
