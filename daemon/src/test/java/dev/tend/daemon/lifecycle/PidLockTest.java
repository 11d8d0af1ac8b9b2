package dev.tend.daemon.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PidLockTest {
    @TempDir
    Path tmp;

    /** Tries the lock from another JVM: prints "ACQUIRED" or "HELD <message>". */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            try (PidLock ignored = PidLock.acquire(Path.of(args[0]))) {
                System.out.println("ACQUIRED");
            } catch (PidLock.HeldException e) {
                System.out.println("HELD " + e.getMessage());
            }
        }
    }

    private static String probe(Path file) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                file.toString())).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished");
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void acquireWritesOurPidIntoAPrivateFile() throws Exception {
        Path file = tmp.resolve("daemon.pid");
        try (PidLock ignored = PidLock.acquire(file)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void acquireReplacesAStalePidLeftByADeadDaemon() throws Exception {
        Path file = Files.writeString(tmp.resolve("daemon.pid"), "999999999999\nleftover text\n");
        try (PidLock ignored = PidLock.acquire(file)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
        }
    }

    @Test
    void closeRemovesTheFileAndFreesTheLock() throws Exception {
        Path file = tmp.resolve("daemon.pid");
        PidLock.acquire(file).close();
        assertFalse(Files.exists(file));
        try (PidLock again = PidLock.acquire(file)) {
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void anotherProcessIsRefusedWithOurPidInTheMessage() throws Exception {
        Path file = tmp.resolve("daemon.pid");
        try (PidLock ignored = PidLock.acquire(file)) {
            String out = probe(file);
            assertEquals("HELD another tend daemon (pid " + ProcessHandle.current().pid()
                    + ") is already running for this instance (lock " + file + ")", out);
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file), "the refused one leaves the file alone");
        }
    }

    @Test
    void anotherProcessGetsTheLockOnceWeClose() throws Exception {
        Path file = tmp.resolve("daemon.pid");
        PidLock.acquire(file).close();
        assertEquals("ACQUIRED", probe(file));
    }

    @Test
    void secondAcquireInTheSameProcessIsRefusedAndTheFirstLockStaysHeld() throws Exception {
        Path file = tmp.resolve("daemon.pid");
        try (PidLock first = PidLock.acquire(file)) {
            PidLock.HeldException e = assertThrows(PidLock.HeldException.class, () -> PidLock.acquire(file));
            assertTrue(e.getMessage().contains("already running for this instance"), e.getMessage());
            // the refused attempt must not have let go of the OS-level lock (POSIX locks are per process:
            // closing any descriptor of the file drops them) — another process must still be refused
            System.gc();
            assertTrue(probe(file).startsWith("HELD "), "the first lock is still held");
        }
        assertFalse(Files.exists(file));
    }
}
