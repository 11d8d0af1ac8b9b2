package dev.tend.daemon.core.health;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemorySizeTest {
    private static final long MIB = 1 << 20;

    @Test
    void iecAndPm2UnitsAreTheSamePowersOf1024() {
        assertEquals(512 * MIB, MemorySize.parse("512MiB"));
        assertEquals(512 * MIB, MemorySize.parse("512M"));
        assertEquals(512 * MIB, MemorySize.parse("512 MB"));
        assertEquals(512 * MIB, MemorySize.parse("512m"));
        assertEquals(2L << 30, MemorySize.parse("2GiB"));
        assertEquals(2L << 30, MemorySize.parse("2G"));
        assertEquals(300 * 1024, MemorySize.parse("300K"));
        assertEquals(300 * 1024, MemorySize.parse("300KiB"));
        assertEquals(4096, MemorySize.parse("4096B"));
    }

    @Test
    void aBareNumberAWordZeroAndFractionsAreRefusedWithWhatToWrite() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("512")).getMessage()
                .contains("did you mean 512MiB?"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("lots")).getMessage()
                .contains("like 512MiB or 1G"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("1.5G")).getMessage()
                .contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("0M")).getMessage()
                .contains("leave max_memory out"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("0")).getMessage()
                .contains("leave max_memory out"), "a bare 0 is not told to become 0MiB, which is refused too");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("512TB")).getMessage()
                .contains("units B, KiB, MiB, GiB, K, M, G"));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("99999999999999999999G"));
        assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("9999999999999G"));
    }

    @Test
    void formatUsesTheLargestUnitReached() {
        assertEquals("612 MiB", MemorySize.format(612 * MIB));
        assertEquals("612 MiB", MemorySize.format(612 * MIB + 1000));
        assertEquals("1 GiB", MemorySize.format(1L << 30));
        assertEquals("1.5 GiB", MemorySize.format(3L << 29));
        assertEquals("900 KiB", MemorySize.format(900 * 1024));
        assertEquals("12 B", MemorySize.format(12));
    }
}
