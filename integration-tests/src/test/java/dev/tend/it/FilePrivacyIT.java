package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What tend writes is readable by its user only where it may hold secrets (issue 12 defect 9): service and job
 * logs and their directories, exported files that copy env: values; and a file that is not a project file is
 * refused without its content being echoed.
 */
class FilePrivacyIT {
    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void serviceAndJobLogsAreReadableByTheUserOnly() throws Exception {
        TendProject p = new TendProject(tend, "shop", """
                services:
                  api:
                    command: echo token=abc; sleep 1000
                jobs:
                  backup:
                    schedule: "0 3 * * *"
                    command: echo backed up
                """);
        p.ok("up");
        p.ok("job", "run", "backup", "--wait");
        Path logs = tend.stateDir().resolve("logs");
        Path apiLog = logs.resolve("shop/api.log");
        TendHome.waitUntil("api.log exists", () -> Files.exists(apiLog));
        assertEquals("rwx------", mode(logs));
        assertEquals("rwx------", mode(logs.resolve("shop")));
        assertEquals("rw-------", mode(apiLog));
        Path jobDir = logs.resolve("shop/jobs/backup");
        assertEquals("rwx------", mode(logs.resolve("shop/jobs")));
        assertEquals("rwx------", mode(jobDir));
        try (var runs = Files.list(jobDir)) {
            for (Path run : runs.toList()) {
                assertEquals("rw-------", mode(run), run.toString());
            }
        }
        p.ok("down");
    }

    @Test
    void aLogLeftWorldReadableByAnOlderVersionIsTightened() throws Exception {
        Files.createDirectories(tend.stateDir().getParent());
        Files.createDirectory(tend.stateDir(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path dir = Files.createDirectories(tend.stateDir().resolve("logs/shop"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tend.stateDir().resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = Files.writeString(dir.resolve("api.log"), "");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        TendProject p = new TendProject(tend, "shop", "services:\n  api:\n    command: sleep 1000\n");
        p.ok("up");
        TendHome.waitUntil("the log is tightened", () -> "rw-------".equals(modeOrNull(log)));
        assertEquals("rwx------", mode(dir));
        assertEquals("rwx------", mode(tend.stateDir().resolve("logs")));
        p.ok("down");
    }

    @Test
    void anExportHoldingInlineEnvValuesIsWrittenForTheUserOnlyWithAWarning() throws Exception {
        TendProject p = new TendProject(tend, "shop", """
                services:
                  api:
                    command: sleep 1000
                    env: { API_KEY: s3cr3t }
                  web:
                    command: sleep 1000
                """);
        TendHome.Result compose = p.ok("export", "compose", "-o", "compose-out");
        assertEquals("rw-------", mode(p.file("compose-out/compose.yaml")), compose.toString());
        assertTrue(compose.err().contains("compose.yaml holds the env: values of service 'api'")
                && compose.err().contains("readable by you only"), compose.toString());

        TendHome.Result systemd = p.ok("export", "systemd", "-o", "units");
        assertEquals("rw-------", mode(p.file("units/shop-api.service")), systemd.toString());
        assertTrue(systemd.err().contains("shop-api.service holds the env: values of service 'api'"), systemd.toString());
        // A unit without inline values is an ordinary file: nothing to hide, nothing to warn about.
        assertEquals("rw-r--r--", mode(p.file("units/shop-web.service")));
        assertFalse(systemd.err().contains("shop-web.service holds"), systemd.toString());
    }

    @Test
    void aFileThatIsNotAProjectFileIsRefusedWithoutEchoingItsContent() throws Exception {
        Path shadowLike = Files.writeString(tend.home().resolve("shadow"),
                "root:$6$Zm9vYmFyc2VjcmV0aGFzaA:20228:0:99999:7:::\nbin:*:20228:0:99999:7:::\n");
        TendHome.Result r = tend.tend("up", "-f", shadowLike.toString());
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("shadow:1:"), "names the line: " + r);
        assertTrue(r.err().contains("is this a tend project file?"), "says what is wrong: " + r);
        assertFalse(r.err().contains("Zm9vYmFy") || r.err().contains("root"), "echoes the file: " + r);
        assertFalse(Files.readString(tend.stateDir().resolve("daemon.log")).contains("Zm9vYmFy"),
                "daemon.log holds the file's content");

        if (Files.isReadable(Path.of("/etc/shadow"))) {
            TendHome.Result real = tend.tend("up", "-f", "/etc/shadow");
            assertNotEquals(0, real.exit(), real.toString());
            assertFalse(real.err().contains("root"), real.toString());
        }
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static String modeOrNull(Path file) {
        try {
            return mode(file);
        } catch (Exception e) {
            return null;
        }
    }
}
