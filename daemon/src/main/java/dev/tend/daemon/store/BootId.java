package dev.tend.daemon.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which boot of the machine this is: the kernel's random boot id on Linux, which changes at every boot. A task done
 * in this boot stays done for the daemons that follow (a restart, an upgrade), not after a reboot.
 */
final class BootId {
    private static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");

    private BootId() {
    }

    /** The id, or null where the system has none to read (then nothing is remembered per boot). */
    static String current() {
        try {
            String id = Files.readString(LINUX, StandardCharsets.US_ASCII).strip();
            return id.isEmpty() ? null : id;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
