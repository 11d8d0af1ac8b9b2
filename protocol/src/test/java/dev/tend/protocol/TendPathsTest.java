package dev.tend.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TendPathsTest {
    @TempDir
    Path tmp;

    @Test
    void theFreeSpaceOfAStateDirNotMadeYetIsThatOfItsNearestParent() throws Exception {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.resolve("not/made/yet").toString()), null);
        assertTrue(p.stateDirFreeBytes() >= 0, "told from " + tmp + ", not unknown (-1)");
    }

    @Test
    void tendHomeHoldsConfigRuntimeAndPerInstanceState() {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), null);
        assertEquals("default", p.instance());
        assertEquals(tmp.resolve("config.yaml"), p.configFile());
        assertEquals(tmp.resolve("run"), p.runtimeDir());
        assertEquals(tmp.resolve("run/default.sock"), p.socket());
        assertEquals(tmp.resolve("state/default"), p.stateDir());
        assertEquals(tmp.resolve("state/default/daemon.pid"), p.pidFile());
        assertEquals(tmp.resolve("state/default/daemon.log"), p.daemonLog());
        assertEquals(tmp.resolve("state/default/tend.db"), p.database());
        assertEquals(tmp.resolve("state/default/logs"), p.logsDir());
        assertEquals(tmp.resolve("state/default/spawn.lock"), p.spawnLock());
        assertFalse(p.socketShortened());
    }

    @Test
    void tendHomeIsMadeAbsoluteAndNormalized() {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.resolve("a/../b").toString()), null);
        assertEquals(tmp.resolve("b/run"), p.runtimeDir());
    }

    @Test
    void instanceOptionWinsOverEnvironment() {
        Map<String, String> env = Map.of("TEND_HOME", tmp.toString(), "TEND_INSTANCE", "fromenv");
        assertEquals("fromenv", TendPaths.resolve(env, null).instance());
        TendPaths p = TendPaths.resolve(env, "opt");
        assertEquals("opt", p.instance());
        assertEquals(tmp.resolve("run/opt.sock"), p.socket());
        assertEquals(tmp.resolve("state/opt"), p.stateDir());
    }

    @Test
    void emptyTendInstanceMeansDefault() {
        assertEquals("default", TendPaths.resolve(Map.of("TEND_HOME", tmp.toString(), "TEND_INSTANCE", ""), null).instance());
    }

    @Test
    void xdgDirectoriesAreUsedWithoutTendHome() {
        Map<String, String> env = Map.of(
                "XDG_RUNTIME_DIR", tmp.resolve("rt").toString(),
                "XDG_STATE_HOME", tmp.resolve("st").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("cf").toString());
        TendPaths p = TendPaths.resolve(env, "dev");
        assertEquals(tmp.resolve("rt/tend"), p.runtimeDir());
        assertEquals(tmp.resolve("rt/tend/dev.sock"), p.socket());
        assertEquals(tmp.resolve("st/tend/dev"), p.stateDir());
        assertEquals(tmp.resolve("cf/tend/config.yaml"), p.configFile());
    }

    @Test
    void withoutXdgRuntimeDirTheRuntimeDirIsPerUserUnderTmpdir() {
        TendPaths p = TendPaths.resolve(Map.of("TMPDIR", tmp.toString()), null);
        assertEquals(tmp.resolve("tend-" + Uid.current()), p.runtimeDir());
        assertEquals(tmp.resolve("tend-" + Uid.current() + "/default.sock"), p.socket());
    }

    @Test
    void withoutTmpdirTheRuntimeDirIsUnderSlashTmp() {
        TendPaths p = TendPaths.resolve(Map.of(), null);
        assertEquals(Path.of("/tmp", "tend-" + Uid.current()), p.runtimeDir());
    }

    @Test
    void withoutXdgStateAndConfigHomeTheUserHomeDefaultsAreUsed() {
        TendPaths p = TendPaths.resolve(Map.of("TMPDIR", tmp.toString()), "x");
        Path home = Path.of(System.getProperty("user.home"));
        assertEquals(home.resolve(".local/state/tend/x"), p.stateDir());
        assertEquals(home.resolve(".config/tend/config.yaml"), p.configFile());
    }

    @Test
    void invalidInstanceNamesAreRefusedWithTheRule() {
        for (String bad : new String[] {"", ".hidden", "-x", "a/b", "a b", "../x", "x".repeat(65)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), bad), bad);
            assertTrue(e.getMessage().contains("invalid instance name '" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> TendPaths.resolve(Map.of("TEND_HOME", tmp.toString(), "TEND_INSTANCE", "a/b"), null));
    }

    @Test
    void validInstanceNamesAreAccepted() {
        for (String ok : new String[] {"a", "A.b_c-9", "_x", "x".repeat(64)}) {
            assertEquals(ok, TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), ok).instance());
        }
    }

    @Test
    void tooLongSocketPathGetsAShortStableHashedNameUnderTheTempDir() {
        Path deep = tmp.resolve("d".repeat(60)).resolve("e".repeat(60));
        Map<String, String> env = Map.of("TEND_HOME", deep.toString(), "TMPDIR", tmp.toString());
        TendPaths p = TendPaths.resolve(env, null);
        assertTrue(p.socketShortened());
        assertTrue(p.socketShortened(), "stable between calls");
        Path dir = tmp.resolve("tend-" + Uid.current());
        assertEquals(dir, p.socket().getParent());
        assertTrue(p.socket().getFileName().toString().matches("[0-9a-f]{16}\\.sock"), p.socket().toString());
        assertEquals(p.socket(), TendPaths.resolve(env, null).socket(), "every client finds the same socket");
        assertEquals(deep.resolve("run"), p.runtimeDir(), "the runtime dir itself stays where it was");
    }

    @Test
    void shortenedNamesDifferPerInstance() {
        Path deep = tmp.resolve("d".repeat(120));
        Map<String, String> env = Map.of("TEND_HOME", deep.toString(), "TMPDIR", tmp.toString());
        assertFalse(TendPaths.resolve(env, "one").socket().equals(TendPaths.resolve(env, "two").socket()));
    }

    @Test
    void ensureDirectoriesCreatesPrivateDirectories() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.resolve("home").toString()), null);
        p.ensureDirectories();
        for (Path dir : new Path[] {p.runtimeDir(), p.stateDir(), p.socket().getParent()}) {
            assertTrue(Files.isDirectory(dir), dir.toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
    }

    @Test
    void ensureDirectoriesAlsoCreatesTheShortSocketDirectory() throws IOException {
        Path deep = tmp.resolve("d".repeat(120));
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", deep.toString(), "TMPDIR", tmp.toString()), null);
        p.ensureDirectories();
        Path socketDir = tmp.resolve("tend-" + Uid.current());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir)));
    }

    @Test
    void ensureDirectoriesIsIdempotent() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), null);
        p.ensureDirectories();
        p.ensureDirectories();
        assertTrue(Files.isDirectory(p.stateDir()));
    }

    @Test
    void groupOrWorldAccessibleDirectoryIsRefusedWithAChmodHint() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), null);
        Files.createDirectories(p.runtimeDir());
        Files.setPosixFilePermissions(p.runtimeDir(), PosixFilePermissions.fromString("rwxr-x---"));
        IOException e = assertThrows(IOException.class, p::ensureDirectories);
        assertTrue(e.getMessage().contains("accessible to other users"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 700 " + p.runtimeDir()), e.getMessage());

        Files.setPosixFilePermissions(p.runtimeDir(), PosixFilePermissions.fromString("rwx-----x"));
        assertTrue(assertThrows(IOException.class, p::ensureDirectories).getMessage().contains("chmod 700"));
    }

    @Test
    void symlinkInPlaceOfADirectoryIsRefused() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), null);
        Path real = Files.createDirectory(tmp.resolve("elsewhere"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(p.runtimeDir(), real);
        IOException e = assertThrows(IOException.class, p::ensureDirectories);
        assertTrue(e.getMessage().contains(p.runtimeDir() + " is not a directory"), e.getMessage());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void fileInPlaceOfADirectoryIsRefused() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), null);
        Files.createFile(p.runtimeDir());
        assertThrows(IOException.class, p::ensureDirectories);
    }

    @Test
    void checkExistingDirectoriesCreatesNothing() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.resolve("home").toString()), null);
        p.checkExistingDirectories();
        assertFalse(Files.exists(tmp.resolve("home")));
    }

    @Test
    void checkExistingDirectoriesRefusesAnOpenStateDir() throws IOException {
        TendPaths p = TendPaths.resolve(Map.of("TEND_HOME", tmp.toString()), null);
        p.ensureDirectories();
        Files.setPosixFilePermissions(p.stateDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertTrue(assertThrows(IOException.class, p::checkExistingDirectories).getMessage().contains("chmod 700"));
    }
}
