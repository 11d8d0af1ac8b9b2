package dev.tend.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorChecksTest {

    @Test
    void aFileSystemNearlyFullIsAWarningAndAFullOneAFailure() {
        Path state = Path.of("/home/u/.local/state/tend/default");
        assertEquals(DoctorChecks.Status.OK, DoctorChecks.room(state, 5L << 30).status());
        DoctorChecks.Check low = DoctorChecks.room(state, 50L << 20);
        assertEquals(DoctorChecks.Status.WARN, low.status());
        assertEquals("50.0M free on the file system of " + state + ": once it is full, logs lose lines and state "
                + "changes fail", low.detail());
        DoctorChecks.Check full = DoctorChecks.room(state, 4096);
        assertEquals(DoctorChecks.Status.FAIL, full.status());
        assertTrue(full.detail().endsWith(": logs lose lines and state changes fail"), full.detail());
        assertEquals(DoctorChecks.Status.WARN, DoctorChecks.room(state, -1).status());
    }

    @Test
    void javaOlderThan17Fails() {
        assertEquals(DoctorChecks.Status.FAIL, DoctorChecks.java(Runtime.Version.parse("11.0.2"), "/jdk", null).status());
        assertEquals(DoctorChecks.Status.OK, DoctorChecks.java(Runtime.Version.parse("17.0.1"), "/jdk", null).status());
    }

    @Test
    void theJavaLineSaysWhenItIsTheRuntimeBundledBesideTheLauncher(@TempDir Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("tend/runtime"));
        Path launcher = Files.createDirectories(dir.resolve("tend/bin")).resolve("tend");
        Files.createDirectories(dir.resolve("jdk"));
        DoctorChecks.Check bundled = DoctorChecks.java(Runtime.Version.parse("17.0.15"), runtime.toString(), launcher.toString());
        assertEquals(DoctorChecks.Status.OK, bundled.status());
        assertEquals("Java 17.0.15, the runtime bundled with tend (" + runtime + ")", bundled.detail());
        DoctorChecks.Check found = DoctorChecks.java(Runtime.Version.parse("17.0.15"), dir.resolve("jdk").toString(), launcher.toString());
        assertEquals("Java 17.0.15 (" + dir.resolve("jdk") + "), found through JAVA_HOME or the PATH", found.detail());
        assertEquals(found.detail(), DoctorChecks.java(Runtime.Version.parse("17.0.15"), dir.resolve("jdk").toString(), null).detail());
    }

    @Test
    void aRuntimeDirOthersCanEnterFailsWithTheChmodToRun(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        DoctorChecks.Check c = DoctorChecks.directory("runtime dir", run, true);
        assertEquals(DoctorChecks.Status.FAIL, c.status(), c.toString());
        assertEquals("chmod 700 " + run, c.fix());
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        assertEquals(DoctorChecks.Status.OK, DoctorChecks.directory("runtime dir", run, true).status());
    }

    @Test
    void aMissingDirectoryIsFineWhenItCanBeCreated(@TempDir Path dir) {
        assertEquals(DoctorChecks.Status.OK, DoctorChecks.directory("state dir", dir.resolve("a/b"), false).status());
    }

    @Test
    void aFileWhereTheDirectoryShouldBeFails(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run"), "x");
        assertEquals(DoctorChecks.Status.FAIL, DoctorChecks.directory("runtime dir", file, true).status());
    }

    @Test
    void versionMismatchAndNioFallbackAreReported() {
        Map<String, Object> status = Map.of("version", "0.0.1", "pid", 5, "socket", "/s");
        assertEquals(DoctorChecks.Status.FAIL, DoctorChecks.daemon(status, "0.1.0").status());
        assertEquals(DoctorChecks.Status.OK, DoctorChecks.daemon(status, "0.0.1").status());
        assertEquals(DoctorChecks.Status.WARN, DoctorChecks.transport("nio").status());
        assertEquals(DoctorChecks.Status.OK, DoctorChecks.transport("epoll").status());
    }

    @Test
    void reportSaysWhatToFixAndCountsProblems() {
        String text = DoctorChecks.format(List.of(
                DoctorChecks.Check.ok("java", "Java 17"),
                DoctorChecks.Check.fail("runtime dir", "/r has mode rwxr-xr-x", "chmod 700 /r")), false);
        assertEquals("ok    java        Java 17\n"
                + "FAIL  runtime dir /r has mode rwxr-xr-x\n"
                + "      fix: chmod 700 /r\n"
                + "1 problem to fix\n", text);
        assertTrue(DoctorChecks.format(List.of(DoctorChecks.Check.ok("java", "x")), false).endsWith("tend is ready\n"));
    }

    @Test
    void theLoginServiceIsReportedNeverAFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) {
        LoginService.Place place = LoginService.place(LoginService.Kind.SYSTEMD, java.util.Map.of(), home);
        DoctorChecks.Check none = DoctorChecks.loginService(new LoginService.Status(place, false, false), "client");
        assertEquals(DoctorChecks.Status.OK, none.status());
        assertTrue(none.detail().contains("no login service"), none.detail());
        DoctorChecks.Check idle = DoctorChecks.loginService(new LoginService.Status(place, true, false), null);
        assertEquals(DoctorChecks.Status.WARN, idle.status());
        assertEquals("systemctl --user enable --now tend", idle.fix());
        DoctorChecks.Check fromIt = DoctorChecks.loginService(new LoginService.Status(place, true, true), "systemd");
        assertEquals(DoctorChecks.Status.OK, fromIt.status());
        assertTrue(fromIt.detail().endsWith("started by the login service (systemd)"), fromIt.detail());
        DoctorChecks.Check other = DoctorChecks.loginService(new LoginService.Status(place, true, true), "client");
        assertEquals(DoctorChecks.Status.WARN, other.status());
        assertTrue(other.fix().contains("systemctl --user restart tend"), other.fix());
    }
}
