package dev.tend.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The systemd export's install line can be pasted as it is printed, wherever the units were written. */
class ExportHintTest {

    @Test
    void theInstallLineCopiesTheUnitsFromADirectoryWithSpacesAndQuotes(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("my unit's dir"));
        Files.writeString(dir.resolve("web.service"), "[Service]\n");
        Files.writeString(dir.resolve("backup.timer"), "[Timer]\n");
        Files.writeString(dir.resolve("backup.service"), "[Service]\n");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".config/systemd/user"));
        ExportCommand.Systemd systemd = new ExportCommand.Systemd();
        systemd.user = true;

        String line = systemd.nextSteps(dir, List.of("web.service", "backup.service", "backup.timer")).get(0);
        assertTrue(line.endsWith("systemctl --user enable --now web.service backup.timer"), line);
        String copy = line.substring("install: ".length(), line.indexOf("; systemctl"));
        ProcessBuilder sh = new ProcessBuilder("sh", "-c", copy).redirectErrorStream(true);
        sh.environment().put("HOME", home.toString());
        Process p = sh.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), copy + ": " + out);
        for (String unit : List.of("web.service", "backup.service", "backup.timer")) {
            assertTrue(Files.exists(home.resolve(".config/systemd/user").resolve(unit)), unit + " not copied by " + copy);
        }
    }
}
