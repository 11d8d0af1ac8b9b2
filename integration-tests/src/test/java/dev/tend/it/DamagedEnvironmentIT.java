package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the user sees when the daemon's surroundings are damaged under it: its socket deleted, its database emptied,
 * overwritten or made unreadable. Each case asserts the exact words and exit code, and that nothing is lost for good.
 */
class DamagedEnvironmentIT {
    private static final Pattern SET_ASIDE = Pattern.compile("moved to (\\S+) and a new one made");

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
    void aDeletedSocketIsPutBackByTheDaemonAndCommandsGoOnReachingIt() throws Exception {
        TendProject p = new TendProject(tend, "web", "services:\n  api:\n    command: sleep 1000\n");
        p.ok("up", "--wait");
        long daemon = tend.daemonPid();
        Files.delete(tend.socket());

        TendHome.Result ps = p.tend("ps");
        assertEquals(0, ps.exit(), ps.toString());
        assertTrue(ps.out().contains("api"), ps.toString());
        assertEquals(daemon, tend.daemonPid(), "the same daemon answers, no second one was started");
        assertEquals(1, tend.daemons().size());
        assertTrue(Files.readString(tend.stateDir().resolve("daemon.log"))
                .contains("was deleted or replaced: listening there again"));
    }

    /** Runs bin/tend from a directory deleted under the shell (rmdir from elsewhere), as a user left in it would. */
    private TendHome.Result inDeletedDirectory(Path gone, String... args) throws Exception {
        Files.createDirectories(gone);
        StringBuilder line = new StringBuilder("cd \"$1\" && rmdir \"$1\" && shift && exec \"$@\"");
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "-c", line.toString(), "sh", gone.toString(),
                TendHome.LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return TendHome.finish(tend.command(cmd.toArray(String[]::new)).start());
    }

    @Test
    void aCurrentDirectoryDeletedUnderTheShellIsNamedInOneLineAndCommandsWithoutItStillWork() throws Exception {
        Path gone = tend.home().resolve("gone");

        TendHome.Result version = inDeletedDirectory(gone, "--version");
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.out().startsWith("tend "), version.toString());
        TendHome.Result all = inDeletedDirectory(gone, "ps", "--all");
        assertEquals(0, all.exit(), all.toString());
        assertFalse(all.err().contains("Exception") || all.err().contains("Error occurred"), all.toString());

        TendHome.Result ps = inDeletedDirectory(gone, "ps");
        assertEquals(0, ps.exit(), ps.toString());
        assertTrue(ps.err().endsWith("tend: the current directory " + gone + " no longer exists; showing every project"
                + " (tend ps --all)\n"), ps.toString());

        TendHome.Result up = inDeletedDirectory(gone, "up");
        assertEquals(2, up.exit(), up.toString());
        assertTrue(up.err().endsWith("tend: the current directory " + gone + " no longer exists (deleted or moved): "
                + "cd to one that does\n"), up.toString());
        assertFalse(up.err().contains("Exception"), up.toString());
    }

    @Test
    void aCurrentDirectoryLongerThanPathMaxIsNamedInOneLineAndCommandsWithoutItStillWork() throws Exception {
        // 45 levels of 100 characters, made and entered one relative step at a time (an absolute path that long
        // is refused by every system call)
        String step = "d".repeat(100);
        String deep = "cd \"$1\" && for i in $(seq 45); do mkdir " + step + " && cd " + step + " || exit 9; done"
                + " && shift && \"$@\"; status=$?; cd \"$0\" && rm -rf " + step + "; exit $status";
        java.util.function.Function<String[], TendHome.Result> inDeep = args -> {
            List<String> cmd = new java.util.ArrayList<>(List.of("bash", "-c", deep, tend.home().toString(),
                    tend.home().toString(), TendHome.LAUNCHER.toString()));
            cmd.addAll(List.of(args));
            try {
                return TendHome.finish(tend.command(cmd.toArray(String[]::new)).start());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        TendHome.Result version = inDeep.apply(new String[] {"--version"});
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.out().startsWith("tend "), version.toString());

        TendHome.Result up = inDeep.apply(new String[] {"up"});
        assertEquals(2, up.exit(), up.toString());
        assertTrue(up.err().endsWith("tend: the current directory has a path longer than programs can use (4096 "
                + "bytes): cd to a shorter one\n"), up.toString());
        assertFalse(up.err().contains("Error occurred"), up.toString());
    }

    @Test
    void aTendHomeThatIsAFileIsNamedAsWhatIsInTheWay() throws Exception {
        Path file = Files.writeString(tend.home().resolve("not-a-dir"), "x");
        tend.env().put("TEND_HOME", file.toString());

        TendHome.Result r = tend.tend("ps");

        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tend: cannot make " + file.resolve("run") + ": " + file + " is in the way, and "
                + "is not a directory"), r.toString());
        tend.env().put("TEND_HOME", tend.home().toString());
    }

    @Test
    void aRelativeTendHomeIsTheCallersDirectorysForTheDaemonToo() throws Exception {
        Path caller = Files.createDirectories(tend.home().resolve("caller"));
        Path home = caller.resolve("rel-home");
        tend.env().put("TEND_HOME", "rel-home");
        try {
            TendHome.Result ps = tend.tendIn(caller, "ps", "--all");
            assertEquals(0, ps.exit(), ps.toString());
            assertTrue(Files.exists(home.resolve("run/default.sock")), "the daemon listens where the client looks");
            assertEquals(0, tend.tendIn(caller, "daemon", "stop").exit());
        } finally {
            tend.env().put("TEND_HOME", tend.home().toString());
        }
    }

    @Test
    void aDeletedRuntimeDirectoryIsMadeAgainWithItsSocket() throws Exception {
        assertEquals(0, tend.tend("ps").exit());
        long daemon = tend.daemonPid();
        Files.delete(tend.socket());
        Files.delete(tend.socket().getParent());

        TendHome.Result ps = tend.tend("daemon", "status");
        assertEquals(0, ps.exit(), ps.toString());
        assertEquals(daemon, tend.daemonPid());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tend.socket().getParent())));
    }

    @Test
    void aStateDirectoryDeletedUnderTheDaemonLosesNeitherItsProjectsNorItsLogLines() throws Exception {
        TendProject p = new TendProject(tend, "keep", "services:\n  tick:\n"
                + "    command: i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done\n");
        p.ok("up", "--wait");
        try (java.util.stream.Stream<Path> all = Files.walk(tend.stateDir())) { // rm -rf, as a clean-up would
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        p.ok("stop", "tick"); // a change the daemon records: into tend.db made again
        TendHome.Result logs = p.tend("logs", "tick", "-n", "50");
        assertTrue(logs.out().contains("tick "), "lines after the deletion are in a log file again: " + logs);

        p.ok("start", "tick");
        assertEquals(0, tend.tend("daemon", "restart").exit());
        assertEquals(1, p.ps().size(), "the next daemon still knows the project");
    }

    @Test
    void aDaemonThatHoldsTheLockButDoesNotListenIsNamedAndStoppedBySignal() throws Exception {
        // Stands in for a daemon that lost its socket and cannot bind it again: holds daemon.pid's lock, no socket.
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(tend.stateDir().getParent(), owner);
        Files.createDirectories(tend.stateDir(), owner);
        Path holder = tend.home().resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        ch.lock();
                        ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\\n").getBytes()));
                        System.out.println("locked");
                        Thread.sleep(600_000);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process fake = tend.command(java, holder.toString(), tend.pidFile().toString()).start();
        Process decoy = new ProcessBuilder("sleep", "600").start();
        try {
            assertEquals("locked", new String(fake.getInputStream().readNBytes(6)));
            // the file's text names another program (edited, or a pid since reused): the lock's holder is the daemon
            Files.writeString(tend.pidFile(), decoy.pid() + "\n");

            TendHome.Result ps = tend.tend("ps");
            assertEquals(4, ps.exit(), ps.toString());
            assertEquals("tend: the tend daemon (pid " + fake.pid() + ") is running but does not listen on "
                    + tend.socket() + " (its socket file is missing); `tend daemon stop` stops it by signal, and the "
                    + "next command starts a new one\n", ps.err());
            assertTrue(fake.isAlive(), "no second daemon took over, nothing was killed");

            TendHome.Result stop = tend.tend("daemon", "stop");
            assertEquals(0, stop.exit(), stop.toString());
            assertEquals("tend daemon stopped by SIGTERM (pid " + fake.pid() + "): it did not listen on "
                    + tend.socket() + "\n", stop.out() + stop.err());
            assertTrue(fake.waitFor(10, TimeUnit.SECONDS), "the lock holder got SIGTERM");
            assertTrue(decoy.isAlive(), "the program the pid file named was not signalled");
        } finally {
            fake.destroyForcibly();
            decoy.destroyForcibly();
        }
    }

    @Test
    void anEmptiedDatabaseIsSetAsideAndTheUserIsToldWhere() throws Exception {
        assertSetAside(db -> Files.write(db, new byte[0]), "it was empty (0 bytes)");
    }

    @Test
    void aDatabaseOverwrittenWithGarbageIsSetAsideAndTheUserIsToldWhere() throws Exception {
        assertSetAside(db -> Files.writeString(db, "garbage ".repeat(1024)),
                "it is not a SQLite database, or a corrupt one");
    }

    @Test
    void aDatabaseThatCannotBeReadIsSetAsideAndTheUserIsToldWhere() throws Exception {
        // As root a mode of 000 reads all the same: a directory in its place cannot be opened by anyone.
        assertSetAside(db -> {
            Files.delete(db);
            Files.createDirectories(db.resolve("in-the-way"));
        }, "it is not a regular file");
    }

    @Test
    void onAFullDiskRunFailsInItsOwnWordsAndAStartSaysWhyNotAStaleLog() throws Exception {
        // A small tmpfs over this test's TEND_HOME: filled, every write of the daemon fails with ENOSPC.
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        if (!root) {
            System.err.println("SKIPPED: the full-disk case needs root to mount a small tmpfs");
        }
        assumeTrue(root, "SKIPPED: mounting a small tmpfs to fill needs root; the full-disk case is not checked here");
        Path home = tend.home();
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", home.toString())
                .redirectErrorStream(true).start();
        String mounting = new String(mount.getInputStream().readAllBytes()).trim();
        // Root in a container without CAP_SYS_ADMIN cannot mount: said, not hidden.
        if (mount.waitFor() != 0) {
            System.err.println("SKIPPED: the full-disk case: cannot mount a tmpfs here: " + mounting);
        }
        assumeTrue(mount.exitValue() == 0, "SKIPPED: cannot mount a tmpfs here: " + mounting);
        try {
            assertEquals(0, tend.tend("ps").exit());
            Path filler = home.resolve("filler");
            fill(filler);

            TendHome.Result run = tend.tend("run", "--name", "full", "--", "sleep", "1000");
            assertEquals(1, run.exit(), run.toString());
            Path db = tend.stateDir().resolve("tend.db");
            assertTrue(run.err().startsWith("tend: cannot register the ad-hoc service 'full': no space left on device "
                    + "writing " + db + " (cannot save ad-hoc service full)"), run.toString());
            TendHome.Result ps = tend.tend("ps", "--all");
            assertEquals(0, ps.exit(), ps.toString());
            assertFalse(ps.out().contains("full"), "not registered in memory when the disk did not take it: " + ps);

            assertEquals(0, tend.tend("daemon", "stop").exit());
            fill(home.resolve("filler-2"));
            TendHome.Result start = tend.tend("ps");
            assertEquals(4, start.exit(), start.toString());
            assertTrue(start.err().contains("could not start") && start.err().contains("no space left on device"),
                    start.toString());
            assertFalse(start.err().contains("the end of"), "the reason of this start, not a log's tail: " + start);

            Files.delete(filler);
            Files.delete(home.resolve("filler-2"));
            TendHome.Result again = tend.tend("run", "--name", "full", "--", "sleep", "1000");
            assertEquals(0, again.exit(), again.toString());
            tend.tend("rm", "full");
        } finally {
            try {
                tend.tend("daemon", "stop");
            } finally {
                new ProcessBuilder("umount", "-l", home.toString()).start().waitFor();
            }
        }
    }

    /** Writes zeros until the file system is full. */
    private static void fill(Path file) {
        try (var out = Files.newOutputStream(file)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (java.io.IOException full) {
            // ENOSPC: full
        }
    }

    private interface Damage {
        void apply(Path db) throws Exception;
    }

    private void assertSetAside(Damage damage, String why) throws Exception {
        TendProject p = new TendProject(tend, "web", "services:\n  api:\n    command: sleep 1000\n");
        p.ok("up", "--wait");
        p.ok("down");
        assertEquals(0, tend.tend("daemon", "stop").exit());
        Path db = tend.stateDir().resolve("tend.db");
        Files.deleteIfExists(tend.stateDir().resolve("tend.db-wal"));
        Files.deleteIfExists(tend.stateDir().resolve("tend.db-shm"));
        damage.apply(db);
        byte[] before = Files.isRegularFile(db) ? Files.readAllBytes(db) : null;

        TendHome.Result ps = tend.tend("ps");
        assertEquals(0, ps.exit(), ps.toString());
        Matcher m = SET_ASIDE.matcher(ps.err());
        assertTrue(m.find(), ps.toString());
        Path aside = Path.of(m.group(1));
        assertTrue(ps.err().startsWith("tend: warning: the state database " + db + " could not be used (" + why
                + "): it was moved to " + aside + " and a new one made; registered projects and ad-hoc services are "
                + "forgotten, run `tend up` in each project again\n"), ps.toString());
        assertEquals(db.getParent(), aside.getParent());
        assertTrue(aside.getFileName().toString().startsWith("tend.db.damaged-"), aside.toString());
        if (before != null) {
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(aside)), "kept as it was");
        } else {
            assertTrue(Files.isDirectory(aside.resolve("in-the-way")), "kept as it was");
        }
        assertTrue(Files.isRegularFile(db) && Files.size(db) > 0, "a new database was made");

        TendHome.Result again = tend.tend("ps");
        assertEquals(0, again.exit(), again.toString());
        assertFalse(again.err().contains("warning"), "said once, to the client of the start that set it aside");
        p.ok("up", "--wait");
        assertFalse(p.ps().isEmpty(), "the project registers again on the new database");
        assertEquals(1, List.of(tend.stateDir().toFile().list()).stream().filter(n -> n.startsWith("tend.db.damaged-")
                && !n.endsWith("-wal") && !n.endsWith("-shm")).count());
    }
}
