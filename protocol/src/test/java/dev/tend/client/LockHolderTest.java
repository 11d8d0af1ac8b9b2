package dev.tend.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockHolderTest {

    @TempDir
    Path dir;

    @Test
    void theHolderIsWhoTheKernelSaysHoldsTheLockWhateverTheFileSays() throws Exception {
        Path pidFile = Files.writeString(dir.resolve("daemon.pid"), "1\n"); // a lie: pid 1 holds nothing here
        assertEquals(OptionalLong.empty(), LockHolder.of(pidFile), "nobody holds it yet");
        try (FileChannel ch = FileChannel.open(pidFile, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), LockHolder.of(pidFile));
        }
        assertEquals(OptionalLong.empty(), LockHolder.of(pidFile), "released");
    }

    @Test
    void aWaiterLineIsNotTheHolderAndOtherFilesAreNotThisOne() {
        String locks = """
                1: POSIX  ADVISORY  WRITE 12526 fe:00:2270385 0 EOF
                1: -> POSIX  ADVISORY  WRITE 999 fe:00:777 0 EOF
                2: POSIX  ADVISORY  WRITE 4242 08:01:777 0 EOF
                3: POSIX  ADVISORY  WRITE 12499 fe:00:777 0 EOF
                4: FLOCK  ADVISORY  WRITE 7734 fe:00:17777 0 EOF
                """;
        assertEquals(OptionalLong.of(12499), LockHolder.holder(locks, "fe:00:777"),
                "the same inode number on another device (08:01) is another file");
        assertEquals(OptionalLong.empty(), LockHolder.holder(locks, "fe:00:77"));
    }

    @Test
    void theDeviceIsNamedAsProcLocksNamesIt() {
        assertEquals("fe:00:2270385", LockHolder.fileId(0xfe00, 2270385));
        assertEquals("08:01:12", LockHolder.fileId(0x801, 12));
        assertEquals("103:05:7", LockHolder.fileId(0x10305, 7), "a major past 255 (a major of 259 is NVMe's)");
    }
}
