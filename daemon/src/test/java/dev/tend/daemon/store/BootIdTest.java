package dev.tend.daemon.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BootIdTest {
    @Test
    void theBootIdIsTheKernelsForThisBoot() throws Exception {
        Path file = Path.of("/proc/sys/kernel/random/boot_id");
        assumeTrue(Files.isReadable(file), "Linux only");
        assertEquals(Files.readString(file).strip(), BootId.current());
    }
}
