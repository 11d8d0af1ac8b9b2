package dev.tend.daemon.core.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limit is the kernel's: the longest command allowed still starts, one byte more never could. */
class CommandSizeTest {

    @Test
    void theLongestCommandAllowedStartsThroughTheShellWithExecBeforeIt() throws Exception {
        String longest = "true #" + "x".repeat(CommandSize.MAX_BYTES - "true #".length());
        assertNull(CommandSize.tooLong(longest));
        Process p = new ProcessBuilder("/bin/sh", "-c", "exec " + longest).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    @Test
    void oneByteMoreIsRefusedAsTheKernelWouldRefuseIt() {
        String over = "true #" + "x".repeat(CommandSize.MAX_BYTES + 1 - "true #".length());
        assertNotNull(CommandSize.tooLong(over));
        IOException e = assertThrows(IOException.class,
                () -> new ProcessBuilder(List.of("/bin/sh", "-c", "exec " + over)).start().waitFor());
        assertTrue(e.getMessage().contains("Argument list too long"), e.getMessage());
    }

    @Test
    void bytesAreCountedNotChars() {
        assertNull(CommandSize.tooLong("\u20ac".repeat(CommandSize.MAX_BYTES / 3)));
        assertNotNull(CommandSize.tooLong("\u20ac".repeat(CommandSize.MAX_BYTES / 3 + 1)));
    }
}
