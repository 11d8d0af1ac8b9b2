package dev.tend.it;

import dev.tend.client.DaemonConnector;
import dev.tend.os.NewSession;
import dev.tend.client.RpcClient;
import dev.tend.protocol.TendPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The invisible daemon (docs/daemon.md): auto-spawn, single instance, crash recovery, shutdown, permissions. */
class DaemonLifecycleIT {
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
    void firstCommandStartsTheDaemonAndCommandSubstitutionReturns() throws Exception {
        // $(...) only returns once every holder of the pipe closed it: the daemon must not keep the caller's stdout.
        Process p = tend.command("bash", "-c", "x=$(\"$0\" daemon status); echo \"$x\"", TendHome.LAUNCHER.toString())
                .start();
        TendHome.Result r = TendHome.finish(p);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("is running"), r.toString());
        assertEquals(1, tend.daemons().size());
    }

    @Test
    void fiftyClientsAtOnceShareOneDaemon() throws Exception {
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(tend.start("daemon", "status", "--json"));
        }
        List<Long> pids = new ArrayList<>();
        for (Process c : clients) {
            TendHome.Result r = TendHome.finish(c);
            assertEquals(0, r.exit(), r.toString());
            pids.add(Long.parseLong(r.out().replaceAll(".*\"pid\":(\\d+).*\\s*", "$1")));
        }
        assertEquals(1, pids.stream().distinct().count(), "all clients talked to one daemon: " + pids);
        assertEquals(1, tend.daemons().size(), "exactly one daemon process");
    }

    @Test
    void killedDaemonIsReplacedByTheNextCommand() throws Exception {
        assertEquals(0, tend.tend("daemon", "status").exit());
        long first = tend.daemonPid();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        TendHome.waitUntil("the killed daemon is gone", () -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));
        assertTrue(Files.exists(tend.socket()), "kill -9 leaves the socket file behind");
        assertTrue(Files.exists(tend.pidFile()), "kill -9 leaves the pid file behind");

        TendHome.Result r = tend.tend("daemon", "status");
        assertEquals(0, r.exit(), r.toString());
        long second = tend.daemonPid();
        assertNotEquals(first, second);
        assertEquals(1, tend.daemons().size());
    }

    @Test
    void secondDaemonRunIsRefusedAndTheFirstKeepsServing() throws Exception {
        assertEquals(0, tend.tend("daemon", "status").exit());
        long first = tend.daemonPid();
        TendHome.Result second = tend.tend("daemon", "run");
        assertEquals(1, second.exit(), second.toString());
        assertTrue(second.err().contains("already running"), second.toString());
        assertTrue(second.err().contains(Long.toString(first)), "names the running daemon's pid: " + second);
        TendHome.Result again = tend.tend("daemon", "status", "--json");
        assertEquals(0, again.exit());
        assertTrue(again.out().contains("\"pid\":" + first), again.toString());
    }

    @Test
    void sigtermStopsTheDaemonGracefullyAndRemovesSocketAndPidFile() throws Exception {
        assertEquals(0, tend.tend("daemon", "status").exit());
        ProcessHandle daemon = ProcessHandle.of(tend.daemonPid()).orElseThrow();
        new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
        daemon.onExit().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(tend.socket()), "socket removed");
        assertFalse(Files.exists(tend.pidFile()), "pid file removed");
        String log = Files.readString(tend.stateDir().resolve("daemon.log"));
        assertTrue(log.contains("shutting down: SIGTERM"), log);
    }

    @Test
    void daemonStopNeverStartsADaemon() throws Exception {
        TendHome.Result r = tend.tend("daemon", "stop");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("no tend daemon is running"), r.toString());
        assertTrue(tend.daemons().isEmpty());
    }

    @Test
    void daemonStopDuringAStartWaitsForItAndStopsTheDaemonItBrings() throws Exception {
        Files.createDirectories(tend.stateDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path spawnLock = tend.stateDir().resolve("spawn.lock");
        Process stop;
        Process daemon;
        long pid;
        // This test plays the client that is starting a daemon: it holds the spawn lock until its daemon listens.
        try (FileChannel lock = FileChannel.open(spawnLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            stop = tend.start("daemon", "stop");
            daemon = tend.start("daemon", "run");
            TendHome.waitUntil("the daemon to listen", () -> Files.exists(tend.socket()));
            pid = tend.daemonPid();
        }
        TendHome.Result stopped = TendHome.finish(stop);
        assertEquals(0, stopped.exit(), stopped.toString());
        assertTrue(stopped.out().contains("tend daemon stopped (pid " + pid + ")"), stopped.toString());
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon the start brought is gone");
    }

    @Test
    void aDaemonStartedWhereSignalsAreIgnoredStartsItsServicesWithEverySignalAtItsDefault() throws Exception {
        // As `nohup tend ...` or a script's background job would: SIGINT and SIGHUP ignored, which the daemon's JVM
        // and, across exec, every service would otherwise keep (a service with stop_signal SIGINT could not stop).
        Path out = tend.home().resolve("ignored.txt");
        Process p = tend.command("bash", "-c", "trap '' INT HUP; exec \"$0\" \"$@\"", TendHome.LAUNCHER.toString(),
                "run", "--name", "probe", "--", "grep SigIgn /proc/self/status > " + out + ".part; mv " + out + ".part "
                        + out + "; exec sleep 300").start();
        TendHome.Result r = TendHome.finish(p);
        assertEquals(0, r.exit(), r.toString());
        TendHome.waitUntil("the service to write what it ignores", () -> Files.exists(out));
        String line = Files.readString(out).strip();
        long ignored = Long.parseLong(line.substring(line.indexOf(':') + 1).strip(), 16);
        long hupAndInt = (1L << (1 - 1)) | (1L << (2 - 1));
        assertEquals(0, ignored & hupAndInt, "SIGHUP and SIGINT are at their defaults in the service: " + line);
    }

    @Test
    void directoriesAndSocketArePrivate() throws Exception {
        assertEquals(0, tend.tend("daemon", "status").exit());
        assertEquals("rwx------", perms(tend.home().resolve("run")));
        assertEquals("rwx------", perms(tend.stateDir()));
        assertEquals("rw-------", perms(tend.socket()));
        assertEquals("rw-------", perms(tend.stateDir().resolve("tend.db")));
    }

    @Test
    void aRuntimeDirectoryOthersCanReadIsRefused() throws Exception {
        Path run = tend.home().resolve("run");
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        TendHome.Result r = tend.tend("daemon", "status");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains("accessible to other users") && r.err().contains("chmod 700"), r.toString());
        assertTrue(tend.daemons().isEmpty());
    }

    @Test
    void interruptingTheClientThatSpawnedTheDaemonDoesNotKillIt() throws Exception {
        // The client runs in a process group of its own, as a shell job would; Ctrl-C signals that whole group.
        Process job = tend.command("setsid", "bash", "-c", "\"$0\" daemon status >/dev/null 2>&1; sleep 600",
                TendHome.LAUNCHER.toString()).start();
        try {
            TendHome.waitUntil("the daemon is up", () -> Files.exists(tend.socket()) && !tend.daemons().isEmpty());
        } finally {
            new ProcessBuilder("kill", "-INT", "--", "-" + job.pid()).start().waitFor();
            new ProcessBuilder("kill", "-HUP", "--", "-" + job.pid()).start().waitFor();
            job.destroyForcibly();
            job.waitFor();
        }
        TendHome.Result r = tend.tend("daemon", "status", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, tend.daemons().size());
    }

    @Test
    void daemonSpawnedWhereThereIsNoSetsidBinaryStillGetsASessionOfItsOwn() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs /proc to read session ids");
        assumeTrue(NewSession.findExecutable("perl") != null, "perl is not installed");
        TendPaths paths = TendPaths.resolve(tend.env(), null);
        List<String> daemon = List.of("env", "TEND_HOME=" + tend.home(), TendHome.LAUNCHER.toString(),
                "--instance", paths.instance(), "daemon", "run", "--detached");
        // As on macOS: no setsid anywhere, perl is the only way to a new session.
        Function<String, Path> withoutSetsid = name -> name.equals("setsid") ? null : NewSession.findExecutable(name);
        try (RpcClient client = new DaemonConnector(paths, "it", daemon, Duration.ofSeconds(60), withoutSetsid)
                .connect().client()) {
            long pid = tend.daemonPid();
            assertNotEquals(session(ProcessHandle.current().pid()), session(pid),
                    "the daemon is out of the spawning client's session, so its Ctrl-C cannot reach it");
        }
    }

    @Test
    void detachedDaemonLogsAndIgnoresSigint() throws Exception {
        assertEquals(0, tend.tend("daemon", "status").exit());
        long pid = tend.daemonPid();
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        Path log = tend.stateDir().resolve("daemon.log");
        TendHome.waitUntil("the daemon heard the SIGINT", () -> {
            try {
                return Files.readString(log).contains("ignoring SIGINT");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        TendHome.Result r = tend.tend("daemon", "status", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(pid, tend.daemonPid(), "still the same daemon");
    }

    @Test
    void signalsWithoutAMeaningForTheDaemonAreLoggedAndIgnoredNotDiedOf() throws Exception {
        // SIGUSR2 is what supervisord's users send to reopen logs; the JVM itself crashed of it.
        TendProject p = new TendProject(tend, "sig", "services:\n  web:\n    command: sleep 999305\n");
        p.ok("up", "--wait");
        long pid = tend.daemonPid();
        long web = TendProject.pid(p.ps().get(0));
        Path log = tend.stateDir().resolve("daemon.log");
        for (String signal : List.of("USR1", "USR2", "ALRM")) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
            TendHome.waitUntil("the daemon logged SIG" + signal, () -> {
                try {
                    return Files.readString(log).contains("ignoring SIG" + signal);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        TendHome.Result r = tend.tend("daemon", "status", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(pid, tend.daemonPid(), "still the same daemon");
        assertEquals(web, TendProject.pid(p.ps().get(0)), "its service was left alone");
    }

    @Test
    void spawnedDaemonOutlivesItsLauncherWithSigintAndSigquitAtTheirDefaults() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc to read signal dispositions");
        assertEquals(0, tend.tend("daemon", "status").exit());
        long pid = tend.daemonPid();
        // The launcher hands the daemon off and exits; as a background job of a script without job control the
        // daemon, and every service it starts, would ignore SIGINT and SIGQUIT.
        long ignored = Long.parseUnsignedLong(procStatus(pid, "SigIgn"), 16);
        assertEquals(0, ignored & ((1L << (2 - 1)) | (1L << (3 - 1))), "SigIgn " + Long.toHexString(ignored));
        assertTrue(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(1L) != ProcessHandle.current().pid(),
                "not a child of the test");
    }

    @Test
    void aDaemonThatDiesAfterTakingItsLockIsReportedWithItsLog() throws Exception {
        // A non-empty directory where the socket goes: the daemon takes its pid lock, then cannot clear the path.
        Files.createDirectories(tend.socket().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(tend.socket().resolve("in-the-way"));
        TendHome.Result r = tend.tend("ps");
        assertEquals(4, r.exit(), r.toString());
        // This start's own reason, not the tail of a log that may hold earlier starts' lines.
        assertTrue(r.err().contains("could not start") && r.err().contains(tend.socket() + ": a directory that is not "
                + "empty is in the way"), r.toString());
        assertTrue(tend.daemons().isEmpty(), "no daemon left");
    }

    @Test
    void aStartStoppedByABadSettingsFileIsReportedWithItsOwnReasonNotAnOldLogTail() throws Exception {
        Files.createDirectories(tend.stateDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // An earlier start's lines: a tail would show these instead of this start's reason.
        Files.writeString(tend.stateDir().resolve("daemon.log"), "an old line of an earlier daemon\n".repeat(20));
        Files.writeString(tend.home().resolve("config.yaml"), "idle_timeout: banana\n");
        TendHome.Result r = tend.tend("ps");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tend: the tend daemon could not start (exit code 1): ")
                && r.err().contains("idle_timeout") && !r.err().contains("an old line"), r.toString());
        Files.delete(tend.home().resolve("config.yaml"));
    }

    @Test
    void aDaemonWithAnIdleTimeoutStopsOnItsOwnOnceNobodyIsConnectedAndNothingRuns() throws Exception {
        Files.writeString(tend.home().resolve("config.yaml"), "idle_timeout: 1s\n");
        assertEquals(0, tend.tend("daemon", "status").exit());
        long pid = tend.daemonPid();
        TendHome.waitUntil("the idle daemon to stop", () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertFalse(Files.exists(tend.socket()), "it removed its socket");
        assertFalse(Files.exists(tend.pidFile()), "and its pid file");
        assertTrue(Files.readString(tend.stateDir().resolve("daemon.log")).contains("idle for 1 s"));
    }

    private static String procStatus(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError(field + " not in /proc/" + pid + "/status");
    }

    /** Field 6 of /proc/PID/stat, counted after the command name (which may hold spaces and parentheses). */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
