package dev.tend.daemon.core.process;

import static dev.tend.daemon.core.process.Processes.exitOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
@Timeout(120)
class PosixProcessLauncherTest {

    @TempDir
    Path dir;

    private final Processes processes = new Processes();

    @AfterEach
    void killEverything() throws Exception {
        processes.killAll();
    }

    @Test
    void aCommandTooLongForTheKernelFailsWithItsStartAndLengthNotItsWholeText() {
        String command = "echo " + "x".repeat(200_000); // over the 128 KiB one argument may hold
        IOException e = assertThrows(IOException.class, () -> processes.launch(command, dir));
        assertTrue(e.getMessage().startsWith("cannot start 'echo xxxx"), e.getMessage());
        assertTrue(e.getMessage().contains("…' (200005 characters) in " + dir + ": "), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "the whole command went into the message: " + e.getMessage().length());
    }

    @Test
    void stdoutAndStderrArriveOnSeparateStreams() throws Exception {
        ChildProcess child = processes.launch("echo to-out; echo to-err >&2", dir);

        assertEquals("to-out\n", new String(child.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("to-err\n", new String(child.stderr().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(ExitStatus.exited(0), exitOf(child));
    }

    @Test
    void environmentIsExactlyTheGivenOneWithNothingInherited() throws Exception {
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "TEND_SERVICE", "web", "GREETING", "hello world");
        ChildProcess child = processes.launcher.launch("env", dir, env);

        Map<String, String> seen = new HashMap<>();
        for (String line : new String(child.stdout().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            seen.put(line.substring(0, eq), line.substring(eq + 1));
        }
        exitOf(child);
        // The shell sets these itself; they are not inherited from the daemon.
        seen.keySet().removeAll(Set.of("PWD", "OLDPWD", "SHLVL", "_"));
        assertEquals(env, seen);
    }

    @Test
    void childRunsInTheGivenWorkingDirectory() throws Exception {
        ChildProcess child = processes.launch("pwd -P", dir);

        assertEquals(dir.toRealPath() + "\n", new String(child.stdout().readAllBytes(), StandardCharsets.UTF_8));
        exitOf(child);
    }

    @Test
    void aCommandThatNeedsNoShellIsExecutedAsItsWordsAndAnyOtherThroughTheShell() {
        PosixProcessLauncher launcher = new PosixProcessLauncher(List.of("/usr/bin/setsid"));

        assertEquals(List.of("/usr/bin/setsid", "sleep", "100000"), launcher.argv("exec sleep 100000"));
        assertEquals(List.of("/usr/bin/setsid", "/bin/sh", "-c", "sleep 1 && echo done"),
                launcher.argv("sleep 1 && echo done"));
    }

    @Test
    void aProgramRunWithoutTheShellSeesPwdAsTheShellWouldHaveExportedIt() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.toRealPath());
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");

        assertEquals(dir.toRealPath().toString(), pwdSeenBy("env", link, env), "no PWD given: the physical path");
        assertEquals(link.toString(), pwdSeenBy("env", link, Map.of("PATH", "/usr/bin:/bin", "PWD", link.toString())),
                "a PWD that names the directory is kept");
        assertEquals(dir.toRealPath().toString(), pwdSeenBy("env", link, Map.of("PATH", "/usr/bin:/bin", "PWD", "/")),
                "a PWD that names another directory is replaced");
        assertEquals(pwdSeenBy("env | cat", link, env), pwdSeenBy("env", link, env), "as the shell's");
    }

    private String pwdSeenBy(String command, Path cwd, Map<String, String> env) throws Exception {
        ChildProcess child = processes.launcher.launch(command, cwd, env);
        String out = new String(child.stdout().readAllBytes(), StandardCharsets.UTF_8);
        exitOf(child);
        return out.lines().filter(l -> l.startsWith("PWD=")).map(l -> l.substring(4)).findFirst().orElse(null);
    }

    @Test
    void aPlainCommandThatIsNotFoundEndsWith127AsInTheShell() throws Exception {
        ChildProcess child = processes.launch("no-such-program-of-tend --flag", dir);

        assertEquals(ExitStatus.exited(127), exitOf(child));
    }

    @Test
    void missingWorkingDirectoryIsAClearIOException() {
        Path missing = dir.resolve("no-such-dir");

        IOException e = assertThrows(IOException.class, () -> processes.launch("true", missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void workingDirectoryThatIsAFileIsAClearIOException() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        IOException e = assertThrows(IOException.class, () -> processes.launch("true", file));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void stdinIsAtEndOfFileAtOnce() throws Exception {
        // cat would wait forever on an inherited terminal or an open pipe
        ChildProcess child = processes.launch("cat; echo after-cat", dir);

        assertEquals("after-cat\n", new String(child.stdout().readAllBytes(), StandardCharsets.UTF_8));
        exitOf(child);
    }

    @Test
    void exitCodeIsReported() throws Exception {
        ChildProcess child = processes.launch("exit 3", dir);

        assertEquals(ExitStatus.exited(3), exitOf(child));
    }

    @Test
    void deathBySignalIsReportedAsTheSignal() throws Exception {
        ChildProcess child = processes.launch("kill -TERM $$", dir);

        ExitStatus status = exitOf(child);
        assertEquals(ExitStatus.killed(15), status);
        assertEquals("killed by SIGTERM", status.toString());
    }

    @Test
    void exitValuesAbove128DecodeAsSignalsUpTo31() {
        assertEquals(ExitStatus.exited(0), PosixChildProcess.decode(0));
        assertEquals(ExitStatus.exited(128), PosixChildProcess.decode(128));
        assertEquals(ExitStatus.killed(1), PosixChildProcess.decode(129));
        assertEquals(ExitStatus.killed(9), PosixChildProcess.decode(137));
        assertEquals(ExitStatus.killed(31), PosixChildProcess.decode(159));
        assertEquals(ExitStatus.exited(160), PosixChildProcess.decode(160));
        assertEquals(ExitStatus.exited(255), PosixChildProcess.decode(255));
    }

    @Test
    void childLeadsItsOwnSessionAndProcessGroup() throws Exception {
        assertSessionLeader(processes);
    }

    @Test
    void perlFallbackAlsoMakesTheChildASessionLeader() throws Exception {
        Path perl = Os.findExecutable("perl").orElse(null);
        assumeTrue(perl != null, "perl is not installed");
        Processes viaPerl = new Processes(new PosixProcessLauncher(dev.tend.os.NewSession.perlPrefix(perl)));
        try {
            assertSessionLeader(viaPerl);
        } finally {
            viaPerl.killAll();
        }
    }

    private void assertSessionLeader(Processes with) throws Exception {
        ChildProcess child = with.launch("echo ready; exec sleep 1000", dir);
        assertEquals("ready", Lines.of(child.stdout()).next());

        ProcStat stat = ProcStat.read(child.pid()).orElseThrow();
        assertEquals(child.pid(), stat.pgrp(), "process group id");
        assertEquals(child.pid(), stat.session(), "session id");
        assertNotEquals(ProcStat.read(ProcessHandle.current().pid()).orElseThrow().session(), stat.session());
    }

    @Test
    void startTimeIsWhatProcessControlReportsForThePid() throws Exception {
        ChildProcess child = processes.launch("echo ready; exec sleep 1000", dir);
        Lines.of(child.stdout()).next();

        assertEquals(child.startTime(), processes.control.startTime(child.pid()).orElseThrow());
    }
}
