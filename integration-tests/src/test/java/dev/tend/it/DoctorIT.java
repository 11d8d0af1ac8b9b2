package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorIT {
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
    void aHealthyInstallPassesEveryCheck() throws Exception {
        TendHome.Result r = tend.tend("doctor");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("ok    daemon      version "), r.toString());
        assertTrue(r.out().contains("ok    transport   epoll"), r.toString());
        assertTrue(r.out().endsWith("tend is ready\n"), r.toString());
    }

    @Test
    void anOpenRuntimeDirectoryFailsWithTheFix() throws Exception {
        Path run = Files.createDirectories(tend.home().resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
        TendHome.Result r = tend.tend("doctor");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("FAIL  runtime dir"), r.toString());
        assertTrue(r.out().contains("fix: chmod 700 " + run), r.toString());
        assertTrue(tend.daemons().isEmpty(), "no daemon is started on a directory others can enter");
    }
}
